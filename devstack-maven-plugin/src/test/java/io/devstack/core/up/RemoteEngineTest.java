package io.devstack.core.up;

import io.devstack.core.Progress;
import io.devstack.core.compose.ComposeRequest;
import io.devstack.core.engine.EngineInfo;
import io.devstack.core.engine.FakeEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A stack on another machine's engine: ports reported at that machine, and a warning for ports it keeps to itself. */
class RemoteEngineTest {
    @TempDir
    Path dir;
    private final List<String> warnings = new ArrayList<>();
    private final Progress progress = new Progress() {
        @Override public void info(String line) { }
        @Override public void warn(String line) { warnings.add(line); }
    };

    private UpReport up(FakeEngine engine) throws Exception {
        Files.writeString(dir.resolve("compose.yaml"), "services:\n  db:\n    image: mariadb:11\n    ports: [\"3306\"]\n"
                + "  web:\n    image: nginx:1\n    ports: [\"0.0.0.0:8081:80\"]\n");
        return new StackUp(engine, progress).run(new UpRequest(new ComposeRequest(dir, List.of(dir.resolve(
                "compose.yaml")), "p", Map.of()), dir.resolve("dumps"), Duration.ofSeconds(1), Map.of(), false, false));
    }

    @Test
    void aPortOnTheRemoteMachinesLoopbackIsNamedWithTheFix() throws Exception {
        FakeEngine engine = new FakeEngine().image("mariadb:11", "sha256:db").image("nginx:1", "sha256:web");
        engine.engineInfo = new EngineInfo("tcp://10.0.0.5:2376", "20.10", "1.41", "DOCKER_HOST, TLS", "10.0.0.5", false);
        UpReport report = up(engine).withServicesHost("10.0.0.5");
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).startsWith("db publishes 127.0.0.1::3306 on 127.0.0.1 of 10.0.0.5, the "
                + "engine's machine, which this build cannot reach: publish it on all addresses (\"0.0.0.0::3306\" "
                + "under services.db.ports in compose.override.yaml)"), warnings.get(0));
        assertEquals("10.0.0.5", report.properties().get("devstack.web.host"));
        assertEquals("8081", report.properties().get("devstack.web.port.80"));
    }

    @Test
    void aLocalEngineWarnsOfNothingAndReportsThePublishedAddress() throws Exception {
        FakeEngine engine = new FakeEngine().image("mariadb:11", "sha256:db").image("nginx:1", "sha256:web");
        UpReport report = up(engine);
        assertEquals(List.of(), warnings);
        assertEquals("127.0.0.1", report.properties().get("devstack.db.host"));
        assertEquals("localhost", report.properties().get("devstack.web.host"), "a wildcard binding");
    }
}
