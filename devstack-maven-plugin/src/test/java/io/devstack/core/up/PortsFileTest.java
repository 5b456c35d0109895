package io.devstack.core.up;

import io.devstack.core.Progress;
import io.devstack.core.compose.ComposeRequest;
import io.devstack.core.engine.FakeEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ports.properties is for tools outside the build: readable as properties, and the same ports give the same bytes. */
class PortsFileTest {
    @TempDir
    Path dir;

    @Test
    void thePortsFileHasNoDateAndSortedKeys() throws Exception {
        Files.writeString(dir.resolve("compose.yaml"), "services:\n  web:\n    image: nginx:1\n    ports: [\"127.0.0.1:8081:80\"]\n"
                + "  db:\n    image: mariadb:11\n    ports: [\"127.0.0.1:3307:3306\"]\n");
        FakeEngine engine = new FakeEngine().image("nginx:1", "sha256:web").image("mariadb:11", "sha256:db");
        UpReport report = new StackUp(engine, Progress.NONE).run(new UpRequest(new ComposeRequest(dir,
                List.of(dir.resolve("compose.yaml")), "p", Map.of()), dir.resolve("dumps"), Duration.ofSeconds(1),
                Map.of(), false, false));
        Path file = dir.resolve("target/ports.properties");
        report.writeProperties(file);
        byte[] first = Files.readAllBytes(file);
        Thread.sleep(1100); // a date line would differ now
        report.writeProperties(file);
        assertEquals(new String(first), Files.readString(file));

        List<String> lines = Files.readAllLines(file);
        assertEquals("# devstack: published ports of project p", lines.get(0));
        assertEquals(lines.subList(1, lines.size()).stream().sorted().toList(), lines.subList(1, lines.size()));
        Properties read = new Properties();
        try (var in = Files.newInputStream(file)) {
            read.load(in);
        }
        assertEquals(Map.copyOf(report.properties()), Map.copyOf(read));
        assertTrue(read.values().contains("3307"), read::toString);
    }
}
