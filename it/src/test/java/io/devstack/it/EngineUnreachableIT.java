package io.devstack.it;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DOCKER_HOST pointing at a dead socket: one line that says where we looked and what to do; nothing created. */
class EngineUnreachableIT {
    @Test
    void deadDockerHostFailsWithOneClearLine() {
        TestProject project = TestProject.of("dsit-dead-engine", "broken-dump")
                .env("DOCKER_HOST", "unix:///tmp/devstack-no-such-engine.sock");
        BuildResult build = project.mvn("devstack:up").assertFailure();
        List<String> errors = build.linesWith("[ERROR] Failed to execute goal");
        assertEquals(1, errors.size(), build.tail());
        String line = errors.get(0);
        assertTrue(line.contains("Cannot reach the Docker engine at unix:///tmp/devstack-no-such-engine.sock"), line);
        assertTrue(line.contains("DOCKER_HOST is set to unix:///tmp/devstack-no-such-engine.sock: point it at a running engine"), line);
        build.assertLogLacks("\tat ").assertLogLacks("Caused by");
        assertEquals(List.of(), DockerCli.containers("dsit-dead-engine"));
    }
}
