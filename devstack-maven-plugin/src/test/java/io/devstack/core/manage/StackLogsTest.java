package io.devstack.core.manage;

import io.devstack.core.Progress;
import io.devstack.core.compose.ComposeRequest;
import io.devstack.core.engine.FakeEngine;
import io.devstack.core.up.StackUp;
import io.devstack.core.up.UpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** logs interleaves the services' lines by the engine's time of each, as the compose CLI does. */
class StackLogsTest {
    @TempDir
    Path dir;

    @Test
    void linesOfAllServicesComeInTheOrderTheyWereWritten() throws IOException {
        FakeEngine engine = new FakeEngine().image("a:1", "sha256:a").image("b:1", "sha256:b");
        Files.writeString(dir.resolve("compose.yaml"), "services:\n  api:\n    image: a:1\n  db:\n    image: b:1\n");
        ComposeRequest compose = new ComposeRequest(dir, List.of(dir.resolve("compose.yaml")), "p", Map.of());
        new StackUp(engine, Progress.NONE).run(new UpRequest(compose, dir.resolve("dumps"), Duration.ofSeconds(1),
                Map.of(), false, false));
        engine.containers(Map.of()).forEach(c -> engine.logLines.put(c.id(), c.name().contains("api")
                ? List.of("2026-01-01T10:00:00.2Z api starts", "2026-01-01T10:00:01Z api ready")
                : List.of("2026-01-01T10:00:00.15Z db starts", "2026-01-01T10:00:00.9Z db ready")));
        List<String> out = new ArrayList<>();
        new StackLogs(engine, Progress.NONE).run(compose, List.of(), false, null, false, out::add);
        assertEquals(List.of("db  | db starts", "api | api starts", "db  | db ready", "api | api ready"), out);
        out.clear();
        new StackLogs(engine, Progress.NONE).run(compose, List.of("db"), false, null, true, out::add);
        assertEquals(List.of("db | 2026-01-01T10:00:00.15Z db starts", "db | 2026-01-01T10:00:00.9Z db ready"), out);
    }
}
