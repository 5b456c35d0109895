package io.devstack.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A host port the stack wants is taken: up fails before starting anything, naming the service, the port and, when
 * a container holds it, that container. Nothing of the project exists afterwards, and the holder is untouched.
 */
class PortInUseIT {
    private static final String PROJECT = "dsit-port";
    private static final String HOLDER = "dsit-port-holder";

    @AfterEach
    void cleanUp() {
        DockerCli.removeIfPresent(HOLDER);
        DockerCli.purge(PROJECT);
    }

    private static BuildResult upWanting(int port) {
        TestProject project = TestProject.of(PROJECT, "port-in-use").env("BUSY_PORT", String.valueOf(port));
        return project.mvn("devstack:up").assertFailure();
    }

    private static void assertNothingCreated(BuildResult build) {
        build.assertLogLacks("\tat ").assertLogLacks("created");
        assertEquals(List.of(), DockerCli.containers(PROJECT), "no container");
        assertEquals(List.of(), DockerCli.networks(PROJECT), "no network");
        assertEquals(List.of(), DockerCli.volumes(PROJECT), "no volume");
    }

    private static String holdWithContainer(String publish) {
        String id = DockerCli.run("run", "-d", "--name", HOLDER, "-p", publish, "devstack-it/debian:bookworm",
                "sleep", "infinity");
        assertEquals("running", DockerCli.inspect(id, "{{.State.Status}}"));
        return id;
    }

    @Test
    void portPublishedByAnotherContainerNamesServicePortAndContainer() {
        int port = TestProject.freePort();
        String holder = holdWithContainer("127.0.0.1:" + port + ":80");
        BuildResult build = upWanting(port);
        String error = build.goalError();
        assertTrue(error.contains("service web wants host port 127.0.0.1:" + port + ", but container " + HOLDER
                + " already publishes it"), error);
        assertNothingCreated(build);
        assertEquals("running", DockerCli.inspect(holder, "{{.State.Status}}"), "the holder is left alone");
    }

    @Test
    void portPublishedOnAllAddressesByAnotherContainerAlsoCounts() {
        int port = TestProject.freePort();
        holdWithContainer(port + ":80");
        BuildResult build = upWanting(port);
        String error = build.goalError();
        assertTrue(error.contains("service web wants host port 127.0.0.1:" + port + ", but container " + HOLDER
                + " already publishes it"), error);
        assertNothingCreated(build);
    }

    @Test
    void portHeldByAnotherProcessNamesServiceAndPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = socket.getLocalPort();
            BuildResult build = upWanting(port);
            String error = build.goalError();
            assertTrue(error.contains("service web wants host port 127.0.0.1:" + port
                    + ", but another process on this machine uses it"), error);
            assertNothingCreated(build);
        }
    }
}
