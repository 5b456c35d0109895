package io.devstack.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Engines found the way the docker CLI finds them, on another transport: the failsafe-stack project's
 * {@code mvn verify} (up, its inner IT reading a dumped row through the reported port, down) against the engine
 * behind a TLS endpoint reached through DOCKER_HOST + DOCKER_TLS_VERIFY, then through a docker context holding the
 * same TLS material, and behind sshd as an ssh:// engine.
 */
class RemoteEngineIT {
    private static final String PROJECT = "dsit-remote-engine";
    private static TlsEngine tls;

    @BeforeAll
    static void startTlsEndpoint() {
        tls = TlsEngine.start(Path.of(System.getProperty("it.work")).resolve("tls-engine"));
    }

    @AfterAll
    static void stopTlsEndpoint() {
        if (tls != null) {
            tls.close();
        }
    }

    @AfterEach
    void cleanUp() {
        DockerCli.purge(PROJECT);
    }

    @Test
    void dockerHostWithTlsVerifyRunsTheStackAndItsDumpOverTls() throws IOException {
        TestProject project = TestProject.of(PROJECT, "failsafe-stack").env("DOCKER_HOST", tls.host())
                .env("DOCKER_TLS_VERIFY", "1").env("DOCKER_CERT_PATH", tls.clientDir.toString())
                .env("DOCKER_CONTEXT", "");
        BuildResult build = timed("TLS through DOCKER_HOST", () -> project.mvn("verify")).assertSuccess()
                .assertLogContains("on engine: " + tls.host() + " (Docker ")
                .assertLogContains(", via DOCKER_HOST, TLS)")
                .assertLogContains("loaded dumps/db/shop.sql into shop");
        assertInnerTestPassed(project, build);

        // no client certificate: the endpoint refuses, and the error names where it looked and how to fix it
        TestProject noCert = TestProject.of(PROJECT, "failsafe-stack").env("DOCKER_HOST", tls.host())
                .env("DOCKER_TLS_VERIFY", "1").env("DOCKER_CERT_PATH", tls.clientDir.resolveSibling("none").toString());
        String error = noCert.mvn("devstack:up").assertFailure().goalError();
        assertTrue(error.contains("DOCKER_HOST is " + tls.host() + " with TLS (DOCKER_TLS_VERIFY), but ")
                && error.contains("ca.pem does not exist: set DOCKER_CERT_PATH"), error);
    }

    @Test
    void theCurrentDockerContextWithTlsRunsTheStackWithoutDockerHost() throws IOException {
        Path config = Path.of(System.getProperty("it.work")).resolve("tls-engine-config");
        TestProject.deleteTree(config);
        Files.createDirectories(config);
        DockerCli.run("--config", config.toString(), "context", "create", "dsit-tls", "--docker", "host=" + tls.host()
                + ",ca=" + tls.clientDir.resolve("ca.pem") + ",cert=" + tls.clientDir.resolve("cert.pem") + ",key="
                + tls.clientDir.resolve("key.pem"));
        DockerCli.run("--config", config.toString(), "context", "use", "dsit-tls");
        TestProject project = TestProject.of(PROJECT, "failsafe-stack").env("DOCKER_HOST", "")
                .env("DOCKER_CONTEXT", "").env("DOCKER_CONFIG", config.toString());
        BuildResult build = timed("TLS through a docker context", () -> project.mvn("verify")).assertSuccess()
                .assertLogContains("on engine: " + tls.host() + " (Docker ")
                .assertLogContains(", via context dsit-tls, current in " + config.resolve("config.json") + ", TLS)")
                .assertLogContains("loaded dumps/db/shop.sql into shop");
        assertInnerTestPassed(project, build);
        project.mvn("devstack:status").assertSuccess()
                .assertLogContains("engine: " + tls.host() + " (Docker ");
    }

    /** As the docker CLI reaches an ssh:// engine: through the system ssh, keys and config as in a terminal. */
    @Test
    void anSshEngineRunsTheStackThroughTheSystemSshAndLeavesNoTunnel() throws IOException {
        try (SshEngine ssh = SshEngine.start(Path.of(System.getProperty("it.work")).resolve("ssh-engine"))) {
            TestProject project = TestProject.of(PROJECT, "failsafe-stack").env("DOCKER_HOST", ssh.host())
                    .env("DEVSTACK_SSH_COMMAND", ssh.sshCommand()).env("DOCKER_CONTEXT", "");
            BuildResult build = timed("ssh://", () -> project.mvn("verify")).assertSuccess()
                    .assertLogContains("on engine: " + ssh.host() + " (Docker ")
                    .assertLogContains("loaded dumps/db/shop.sql into shop");
            assertInnerTestPassed(project, build);
            assertEquals(List.of(), tunnels(), "every goal closed its ssh tunnel");

            // a key the server does not accept: one line with ssh's own reason and what devstack needs
            Files.writeString(ssh.dir.resolve("authorized_keys"), "");
            String error = project.mvn("devstack:status").assertFailure().goalError();
            assertTrue(error.contains("Cannot reach the Docker engine at " + ssh.host() + ": ssh exited with 255")
                    && error.contains("Permission denied") && error.contains("make `ssh -p " + ssh.port + " "
                    + System.getProperty("user.name") + "@127.0.0.1` log in with a key or an agent"), error);
            assertEquals(List.of(), tunnels());
        }
    }

    /** Wall time of failsafe-stack's verify per engine, for the notes (never asserted: speed is for benchmarks). */
    static BuildResult timed(String engine, java.util.function.Supplier<BuildResult> build) {
        long start = System.nanoTime();
        BuildResult result = build.get();
        System.out.printf("[engine timing] failsafe-stack mvn verify, %s: %.1f s%n", engine,
                (System.nanoTime() - start) / 1e9);
        return result;
    }

    /** ssh processes devstack started (their forwarded socket lives in a devstack-ssh- directory). */
    private static List<String> tunnels() {
        return ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse(""))
                .filter(c -> c.contains("devstack-ssh-")).toList();
    }

    private static void assertInnerTestPassed(TestProject project, BuildResult build) throws IOException {
        build.assertLogContains("Running io.devstack.it.inner.ShopDatabaseIT").assertLogContains(PROJECT + " is down");
        String xml = Files.readString(project.dir.resolve(
                "target/failsafe-reports/TEST-io.devstack.it.inner.ShopDatabaseIT.xml"));
        assertTrue(xml.contains("tests=\"1\"") && xml.contains("failures=\"0\"") && xml.contains("errors=\"0\"")
                && xml.contains("skipped=\"0\""), xml);
        assertEquals(List.of(), DockerCli.containers(PROJECT), "down removed the containers");
    }
}
