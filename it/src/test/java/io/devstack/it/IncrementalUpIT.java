package io.devstack.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "A service whose configuration and image are unchanged keeps its container; a changed one is recreated": a
 * no-op up, an up after one service's environment changed, after a service was removed from the file, and after
 * a container was stopped behind devstack's back. Each step compares real container ids.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IncrementalUpIT {
    private static final String PROJECT = "dsit-incr";
    private TestProject project;
    private Map<String, List<String>> initial;
    private int betaPort;

    @BeforeAll
    void firstUp() {
        project = TestProject.of(PROJECT, "incremental");
        betaPort = TestProject.freePort();
        project.env("BETA_PORT", String.valueOf(betaPort));
        project.mvn("devstack:up").assertSuccess()
                .assertLogContains("service alpha created and running")
                .assertLogContains("service beta created and running")
                .assertLogContains("service gamma created and running");
        initial = DockerCli.containerIdsByService(PROJECT);
        assertEquals(List.of("alpha", "beta", "gamma"), List.copyOf(initial.keySet()));
        initial.values().forEach(ids -> assertEquals(1, ids.size(), initial::toString));
    }

    @AfterAll
    void cleanUp() {
        DockerCli.purge(PROJECT);
    }

    @Test
    @Order(1)
    void secondUpWithNothingChangedKeepsEveryContainer() {
        project.mvn("devstack:up").assertSuccess()
                .assertLogContains("nothing to do: " + PROJECT + " is up to date")
                .assertLogLacks("created")
                .assertLogLacks("started")
                .assertLogLacks("removed");
        assertEquals(initial, DockerCli.containerIdsByService(PROJECT));
    }

    @Test
    @Order(2)
    void changedEnvironmentRecreatesOnlyThatServiceOnItsOwnPort() {
        String compose = project.read("compose.yaml");
        assertTrue(compose.contains("COLOR: blue"));
        project.file("compose.yaml", compose.replace("COLOR: blue", "COLOR: green"));

        BuildResult build = project.mvn("devstack:up").assertSuccess()
                .assertLogContains("service beta recreated and running");
        assertEquals(List.of("service beta recreated and running"),
                build.linesWith("service ").stream().filter(l -> l.contains(" and ")).map(l -> l.substring(
                        l.indexOf("service "), l.indexOf(" in ") > 0 ? l.indexOf(" in ") : l.length())).toList(),
                "only beta changed");
        Map<String, List<String>> now = DockerCli.containerIdsByService(PROJECT);
        assertEquals(initial.get("alpha"), now.get("alpha"), "alpha kept");
        assertEquals(initial.get("gamma"), now.get("gamma"), "gamma kept");
        assertEquals(1, now.get("beta").size(), "the old beta container is gone");
        assertNotEquals(initial.get("beta"), now.get("beta"), "beta has a new container");
        assertTrue(DockerCli.env(now.get("beta").get(0)).contains("COLOR=green"));
        assertEquals("127.0.0.1:" + betaPort, DockerCli.run("port", now.get("beta").get(0), "80/tcp"),
                "the new beta publishes the port the old one held");
        initial = now;
    }

    @Test
    @Order(3)
    void serviceRemovedFromTheFileLosesItsContainerAndUpSaysItDidSomething() {
        String compose = project.read("compose.yaml");
        project.file("compose.yaml", compose.substring(0, compose.indexOf("  gamma:")));

        BuildResult build = project.mvn("devstack:up").assertSuccess();
        Map<String, List<String>> now = DockerCli.containerIdsByService(PROJECT);
        assertEquals(List.of("alpha", "beta"), List.copyOf(now.keySet()));
        assertEquals(initial.get("alpha"), now.get("alpha"));
        assertEquals(initial.get("beta"), now.get("beta"));
        assertTrue(DockerCli.tryRun("inspect", initial.get("gamma").get(0)).exitCode() != 0,
                "the gamma container no longer exists");
        initial = now;
        build.assertLogContains("orphan container " + PROJECT + "-gamma-1 (service gamma is no longer in the "
                + "compose file) removed")
                .assertLogLacks("nothing to do");
    }

    @Test
    @Order(4)
    void stoppedContainerIsStartedAgainNotRecreated() {
        String alpha = initial.get("alpha").get(0);
        DockerCli.run("stop", "-t", "1", alpha);
        assertEquals("exited", DockerCli.inspect(alpha, "{{.State.Status}}"));

        project.mvn("devstack:up").assertSuccess()
                .assertLogContains("service alpha started and running")
                .assertLogLacks("created");
        assertEquals(initial, DockerCli.containerIdsByService(PROJECT), "same containers, none recreated");
        assertEquals("running", DockerCli.inspect(alpha, "{{.State.Status}}"));
    }
}
