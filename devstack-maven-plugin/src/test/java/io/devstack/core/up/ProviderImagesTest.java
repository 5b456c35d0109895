package io.devstack.core.up;

import io.devstack.core.Progress;
import io.devstack.core.compose.ComposeReader;
import io.devstack.core.compose.ComposeRequest;
import io.devstack.core.compose.IncludedStack;
import io.devstack.core.engine.FakeEngine;
import io.devstack.core.engine.ImageUnavailableException;
import io.devstack.core.stack.Stack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An image an included stack's provider builds: used when present, loaded from its archive, never built or pulled. */
class ProviderImagesTest {
    @TempDir
    Path dir;
    private final FakeEngine engine = new FakeEngine();
    private final List<String> log = new ArrayList<>();

    private Stack stack(Path archive) throws IOException {
        Path provider = Files.createDirectories(dir.resolve("target/devstack/stacks/pricing"));
        Files.writeString(provider.resolve("compose.yaml"), "services:\n  api:\n    build: .\n    image: pricing-api:2\n");
        Files.writeString(dir.resolve("compose.yaml"), "services:\n  app:\n    image: app:1\n");
        engine.image("app:1", "sha256:app");
        IncludedStack pricing = new IncludedStack("pricing", "org.example:pricing:2", provider, List.of("compose.yaml"),
                List.of(), List.of(), Map.of("api", "pricing-api:2"), Map.of("pricing-api:2", "sha256:v2"), archive,
                Map.of(), null);
        return new ComposeReader(w -> { }).read(new ComposeRequest(dir, List.of(dir.resolve("compose.yaml")), "shop",
                Map.of(), List.of(), List.of(pricing)));
    }

    private Map<String, String> prepare(Stack stack) {
        return new Images(engine, new Progress() {
            @Override public void info(String line) {
                log.add(line);
            }

            @Override public void warn(String line) {
                log.add("WARN " + line);
            }
        }).prepare(stack);
    }

    private Path archive() throws IOException {
        return Files.writeString(dir.resolve("pricing-2-devstack-images.tar"), "pricing-api:2=sha256:v2\n");
    }

    @Test
    void aMissingImageIsLoadedFromTheProvidersArchive() throws IOException {
        Map<String, String> ids = prepare(stack(archive()));
        assertEquals("sha256:v2", ids.get("pricing-api"));
        assertEquals(1, engine.changes.stream().filter("load image"::equals).count());
        assertTrue(log.contains("loading the images of org.example:pricing:2 from pricing-2-devstack-images.tar ..."),
                log::toString);
    }

    @Test
    void anotherVersionsImageUnderTheSameNameIsReplacedByThePublishedOne() throws IOException {
        engine.image("pricing-api:2", "sha256:v1");
        assertEquals("sha256:v2", prepare(stack(archive())).get("pricing-api"));
    }

    @Test
    void anotherVersionsImageWithoutAnArchiveIsUsedWithAWarning() throws IOException {
        engine.image("pricing-api:2", "sha256:v1");
        assertEquals("sha256:v1", prepare(stack(null)).get("pricing-api"));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("WARN service pricing-api: image pricing-api:2 on this "
                + "engine (v1) is not the one org.example:pricing:2 was published with (v2); using it")), log::toString);
    }

    @Test
    void aMissingImageWithoutAnArchiveSaysHowToGetIt() throws IOException {
        Stack stack = stack(null);
        ImageUnavailableException e = assertThrows(ImageUnavailableException.class, () -> prepare(stack));
        assertTrue(e.getMessage().startsWith("service pricing-api: image pricing-api:2 is built by the provider of "
                + "org.example:pricing:2 and is not on this engine; publish it with <packageImages>true</packageImages>"),
                e.getMessage());
        assertTrue(engine.changes.isEmpty(), "nothing built, pulled or loaded: " + engine.changes);
    }
}
