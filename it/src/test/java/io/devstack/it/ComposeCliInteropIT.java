package io.devstack.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The compose CLI (v1, the one Debian ships; `docker-compose -p NAME`) sees a stack devstack started as its own:
 * ps, logs and down work on it; and devstack adopts containers the CLI started instead of duplicating them.
 */
class ComposeCliInteropIT {
    private static final String PROJECT = "dsit-compose-cli";

    @AfterEach
    void cleanUp() {
        DockerCli.purge(PROJECT);
    }

    @Test
    void composeCliManagesADevstackStackAndDevstackAdoptsACliStack() {
        requireComposeCli();
        int appPort = TestProject.freePort();
        TestProject project = TestProject.sample(PROJECT, null)
                .env("APP_PORT", String.valueOf(appPort)).env("DB_PORT", String.valueOf(TestProject.freePort()));
        project.mvn("package", "devstack:up").assertSuccess();

        String ps = compose(project, "ps");
        assertTrue(ps.contains(PROJECT + "-db-1") && ps.contains(PROJECT + "-app-1"), ps);
        assertTrue(ps.lines().filter(l -> l.contains("Up (healthy)")).count() == 2, ps);
        String logs = compose(project, "logs", "--no-color", "app");
        assertTrue(logs.contains("sample-service listening on port 8080"), logs);

        compose(project, "down");
        assertEquals(List.of(), DockerCli.containers(PROJECT), "compose down removed devstack's containers");
        assertEquals(List.of(), DockerCli.networks(PROJECT), "and its network");
        assertEquals(List.of(PROJECT + "_db-data", PROJECT + "_db_devstack-snapshot"), DockerCli.volumes(PROJECT),
                "volumes (data and devstack's snapshot) stay, as with devstack down");

        compose(project, "up", "-d");
        List<String> cliContainers = DockerCli.containers(PROJECT);
        assertEquals(2, cliContainers.size());
        project.mvn("devstack:up").assertSuccess()
                .assertLogContains("service db: adopted the container the compose CLI started")
                .assertLogContains("already loaded into shop");
        List<String> after = DockerCli.containers(PROJECT);
        assertEquals(2, after.size(), "one container per service, no duplicates: " + after);
        for (String id : after) {
            assertEquals(PROJECT, DockerCli.inspect(id, "{{index .Config.Labels \"io.devstack.project\"}}"));
        }
        assertEquals(200, Http.get("http://127.0.0.1:" + appPort + "/products").statusCode());
    }

    /** In CI the compose CLI is installed by it/images/prepare.sh: there this test must run, not skip. */
    private static void requireComposeCli() {
        boolean present = run(List.of("docker-compose", "version"), null).exitCode == 0;
        if (!present && "true".equals(System.getenv("CI"))) {
            fail("docker-compose is not installed; it/images/prepare.sh installs it (apt-get install docker-compose)");
        }
        assumeTrue(present, "docker-compose (v1) not installed: install Debian's docker-compose to run this test");
    }

    private static String compose(TestProject project, String... args) {
        List<String> command = new ArrayList<>(List.of("docker-compose", "-p", PROJECT));
        command.addAll(List.of(args));
        Result result = run(command, project);
        assertEquals(0, result.exitCode, String.join(" ", command) + " failed:\n" + result.output);
        return result.output;
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command, TestProject project) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (project != null) {
                builder.directory(project.dir.toFile());
                builder.environment().putAll(project.env);
            }
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(300, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, output + "\n(timed out)");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }
}
