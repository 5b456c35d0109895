package io.devstack.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two {@code mvn devstack:up} of the same project started at the same moment (two Maven processes): both succeed,
 * one of them waiting for the other's project lock, and exactly one container per service exists in the end. The
 * run that got the lock second finds everything up to date and creates nothing.
 */
class ConcurrentUpIT {
    private static final String PROJECT = "dsit-concurrent";
    private MavenProcess first;
    private MavenProcess second;

    @AfterEach
    void cleanUp() {
        for (MavenProcess process : new MavenProcess[] {first, second}) {
            if (process != null && process.process.isAlive()) {
                process.kill();
            }
        }
        DockerCli.purge(PROJECT);
    }

    @Test
    void twoUpsAtOnceCreateEachContainerOnce() {
        TestProject project = TestProject.of(PROJECT, "concurrent");
        first = project.start("build-first.log", "devstack:up");
        second = project.start("build-second.log", "devstack:up");
        BuildResult a = first.await(Duration.ofMinutes(4)).assertSuccess();
        BuildResult b = second.await(Duration.ofMinutes(4)).assertSuccess();

        Map<String, List<String>> containers = DockerCli.containerIdsByService(PROJECT);
        assertEquals(List.of("a", "c", "slow"), List.copyOf(containers.keySet()));
        containers.forEach((service, ids) -> assertEquals(1, ids.size(), service + " has one container: " + ids));
        assertEquals(3, DockerCli.containers(PROJECT).size());

        boolean aCreated = a.log().contains("service slow created");
        boolean bCreated = b.log().contains("service slow created");
        assertTrue(aCreated ^ bCreated, "exactly one run created the containers (first: " + aCreated + ", second: "
                + bCreated + ")");
        BuildResult creator = aCreated ? a : b;
        BuildResult other = aCreated ? b : a;
        creator.assertLogContains("service a created").assertLogContains("service c created");
        other.assertLogContains("nothing to do: " + PROJECT + " is up to date").assertLogLacks("created");
        assertTrue(other.log().contains("waiting for another devstack run on project " + PROJECT),
                "the second run waited for the lock (the two builds overlapped): " + other.logFile());
    }
}
