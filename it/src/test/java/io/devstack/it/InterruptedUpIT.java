package io.devstack.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "If up fails, containers it created in that run are removed again; volumes never are" — also when the build
 * is interrupted: Maven (a child process) is signalled while up waits for a service that never gets healthy, after
 * both containers exist. Afterwards no container or network of the run remains; the volume does.
 */
class InterruptedUpIT {
    private static final String PROJECT = "dsit-interrupted";
    private MavenProcess maven;

    @AfterEach
    void cleanUp() {
        if (maven != null && maven.process.isAlive()) {
            maven.kill();
        }
        DockerCli.purge(PROJECT);
    }

    /** Starts up and waits until both containers exist and second runs (so up is waiting for it to be healthy). */
    private MavenProcess upUntilWaitingForSecond(TestProject project, String logName) throws InterruptedException {
        maven = project.start(logName, "devstack:up");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            assertTrue(maven.process.isAlive(), () -> "up ended before it was interrupted:\n" + maven.log());
            var containers = DockerCli.containerIdsByService(PROJECT);
            if (containers.containsKey("first") && containers.containsKey("second") && "running".equals(
                    DockerCli.tryRun("inspect", "--format", "{{.State.Status}}", containers.get("second").get(0))
                            .output())) {
                break;
            }
            assertTrue(System.nanoTime() < deadline, () -> "second never ran:\n" + maven.log());
            Thread.sleep(200);
        }
        Thread.sleep(1000); // up is now polling second's health
        assertTrue(maven.process.isAlive());
        assertEquals(List.of(PROJECT + "_data"), DockerCli.volumes(PROJECT));
        return maven;
    }

    private void assertRunCleanedUp(BuildResult build) {
        assertEquals(List.of(), DockerCli.containers(PROJECT), "the containers this run created are removed");
        assertEquals(List.of(), DockerCli.networks(PROJECT), "the network this run created is removed");
        assertEquals(List.of(), DockerCli.volumes(PROJECT), "the volume this run created goes too: it held only "
                + "what this run put there, and an initialisation cut off would break the next start");
        build.assertLogContains("up was interrupted: removed the 2 container(s) it had created and the 1 new volume(s) "
                + "of services cut off before they were ready");
    }

    @Test
    void ctrlCRemovesTheContainersTheRunCreated() throws InterruptedException {
        upUntilWaitingForSecond(TestProject.of(PROJECT, "interrupted"), "build-sigint.log").signal("INT");
        BuildResult build = maven.await(Duration.ofSeconds(60));
        assertFalse(build.exitCode() == 0, "an interrupted build does not succeed");
        assertRunCleanedUp(build);
    }

    @Test
    void sigtermRemovesTheContainersTheRunCreated() throws InterruptedException {
        upUntilWaitingForSecond(TestProject.of(PROJECT, "interrupted"), "build-sigterm.log").jvm().destroy();
        BuildResult build = maven.await(Duration.ofSeconds(60));
        assertFalse(build.exitCode() == 0, "a terminated build does not succeed");
        assertRunCleanedUp(build);
    }

    @Test
    void containersOfAnEarlierRunAreKept() throws InterruptedException {
        TestProject project = TestProject.of(PROJECT, "interrupted");
        String full = project.read("compose.yaml");
        project.file("compose.yaml", full.substring(0, full.indexOf("  second:")));
        project.mvn("devstack:up").assertSuccess().assertLogContains("service first created and running");
        String first = DockerCli.containerOf(PROJECT, "first");
        project.file("compose.yaml", full);

        upUntilWaitingForSecond(project, "build-sigint-second-only.log").signal("INT");
        BuildResult build = maven.await(Duration.ofSeconds(60));
        assertFalse(build.exitCode() == 0, "an interrupted build does not succeed");
        build.assertLogContains("up was interrupted: removed the 1 container(s) it had created");
        assertEquals(List.of(first), DockerCli.containers(PROJECT), "only first, from the earlier run, remains");
        assertEquals("running", DockerCli.inspect(first, "{{.State.Status}}"));
        assertEquals(1, DockerCli.networks(PROJECT).size(), "the network of the earlier run stays");
        assertEquals(List.of(), DockerCli.volumes(PROJECT), "the volume this run made for second, cut off before it "
                + "was ready, goes (the earlier run made none)");
    }
}
