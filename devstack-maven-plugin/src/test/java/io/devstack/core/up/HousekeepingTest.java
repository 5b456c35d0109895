package io.devstack.core.up;

import io.devstack.core.Progress;
import io.devstack.core.compose.ComposeRequest;
import io.devstack.core.engine.FakeEngine;
import io.devstack.core.manage.DownRequest;
import io.devstack.core.manage.StackDown;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Images devstack builds do not pile up: a rebuild removes what it replaced; down can remove what it built. */
class HousekeepingTest {
    @TempDir
    Path dir;
    private final FakeEngine engine = new FakeEngine().image("mariadb:11", "sha256:db");

    private ComposeRequest compose() {
        return new ComposeRequest(dir, List.of(dir.resolve("compose.yaml")), "p", Map.of());
    }

    private void up() {
        new StackUp(engine, Progress.NONE).run(new UpRequest(compose(), dir.resolve("dumps"), Duration.ofSeconds(1),
                Map.of(), false, false));
    }

    private void project(String code) throws IOException {
        Files.writeString(dir.resolve("compose.yaml"), "services:\n  db:\n    image: mariadb:11\n  app:\n    build: .\n");
        Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nCOPY app.txt /\n");
        Files.writeString(dir.resolve("app.txt"), code);
    }

    @Test
    void aRebuildRemovesTheImageItReplacedOnceItsContainerWasRecreated() throws IOException {
        project("one");
        up();
        String first = engine.images.get("p-app:latest");
        project("two");
        up();
        String second = engine.images.get("p-app:latest");
        assertTrue(!first.equals(second), "rebuilt");
        assertTrue(engine.changes.contains("remove image " + first), engine.changes::toString);
        assertFalse(engine.images.containsValue(first));
        up();
        assertFalse(engine.changes.contains("remove image " + second), "an unchanged build removes nothing");
    }

    /** As the compose CLI: an app goes before the database it depends on, which goes before its own dependency. */
    @Test
    void downStopsDependentsBeforeWhatTheyDependOn() throws IOException {
        Files.writeString(dir.resolve("compose.yaml"), "services:\n  cache:\n    image: mariadb:11\n"
                + "  db:\n    image: mariadb:11\n    depends_on: [cache]\n"
                + "  app:\n    image: mariadb:11\n    depends_on: [db]\n  tool:\n    image: mariadb:11\n");
        up();
        engine.changes.clear();
        new StackDown(engine, Progress.NONE).run(new DownRequest(compose(), false));
        List<String> stops = engine.changes.stream().filter(c -> c.startsWith("stop ")).toList();
        assertEquals(4, stops.size(), stops::toString);
        assertTrue(stops.indexOf("stop p-app-1") < stops.indexOf("stop p-db-1"), stops::toString);
        assertTrue(stops.indexOf("stop p-db-1") < stops.indexOf("stop p-cache-1"), stops::toString);
    }

    @Test
    void downRemovesTheImagesItBuiltOnlyWhenAskedAndNeverAPulledOne() throws IOException {
        project("one");
        up();
        new StackDown(engine, Progress.NONE).run(new DownRequest(compose(), false));
        assertTrue(engine.images.containsKey("p-app:latest"), "kept unless asked");
        up();
        new StackDown(engine, Progress.NONE).run(new DownRequest(compose(), false, List.of(), true));
        assertFalse(engine.images.containsKey("p-app:latest"));
        assertEquals("sha256:db", engine.images.get("mariadb:11"), "a pulled image stays");
    }
}
