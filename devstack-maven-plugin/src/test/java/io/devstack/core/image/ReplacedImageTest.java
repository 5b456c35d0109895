package io.devstack.core.image;

import io.devstack.core.Progress;
import io.devstack.core.engine.ContainerSpec;
import io.devstack.core.engine.FakeEngine;
import io.devstack.core.stack.Service;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplacedImageTest {
    private static final String OLD = "sha256:" + "1".repeat(64);
    private static final String NEW = "sha256:" + "2".repeat(64);
    private final FakeEngine engine = new FakeEngine();
    private final List<String> lines = new ArrayList<>();
    private final Progress progress = new Progress() {
        @Override public void info(String line) { lines.add("info " + line); }
        @Override public void warn(String line) { lines.add("warn " + line); }
    };
    private final ImageBuild.Result rebuilt = new ImageBuild.Result("catalog:1.5-snapshot", NEW, true, List.of(), OLD);

    ReplacedImageTest() {
        engine.image(OLD, OLD); // the old build, no longer tagged
        engine.image("catalog:1.5-snapshot", NEW);
    }

    @Test
    void anImageNothingUsesIsRemoved() {
        ReplacedImage.removeOrExplain(engine, progress, rebuilt, "catalog");
        assertEquals(List.of("info removed the image catalog:1.5-snapshot was before (111111111111), which nothing "
                + "uses"), lines);
        assertTrue(engine.changes.contains("remove image " + OLD));
    }

    @Test
    void anotherStackStillRunningItMeansTwoCheckoutsShareTheTag() {
        runs("catalog-feature");
        ReplacedImage.removeOrExplain(engine, progress, rebuilt, "catalog");
        assertEquals(1, lines.size(), lines::toString);
        assertTrue(lines.get(0).startsWith("warn catalog:1.5-snapshot was until now the image of stack "
                + "catalog-feature, which still runs it (111111111111): another checkout builds the same tag"), lines.get(0));
        assertTrue(lines.get(0).endsWith("DEVSTACK_APP_IMAGE in its .env (as the compose file reads it) and "
                + "-Ddevstack.image, or <image> in its pom.xml"), lines.get(0));
    }

    @Test
    void aPlainBuildLeavesTheImageItsOwnStackRunsUntilTheNextUp() {
        runs("catalog");
        ReplacedImage.removeOrExplain(engine, progress, rebuilt, null);
        assertEquals(List.of("info the image catalog:1.5-snapshot was before (111111111111) stays: stack catalog "
                + "still runs it until its next mvn devstack:up"), lines);
    }

    @Test
    void anUnchangedImageReplacedNothing() {
        ReplacedImage.removeOrExplain(engine, progress, new ImageBuild.Result("catalog:1.5-snapshot", NEW, false,
                List.of(), null), "catalog");
        assertEquals(List.of(), lines);
        assertEquals(List.of(), engine.changes);
    }

    private void runs(String project) {
        engine.create(new ContainerSpec(project + "-api-1", OLD, List.of(), null, Map.of(),
                Map.of("com.docker.compose.project", project, "com.docker.compose.service", "api"), List.of(),
                List.of(), List.of(), Map.of(), null, new Service.Options(null, null, null, List.of(), null, null,
                null, null, null, List.of(), List.of(), null, null, null, null)));
        engine.changes.clear();
    }
}
