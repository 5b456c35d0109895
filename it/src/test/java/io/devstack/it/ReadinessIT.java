package io.devstack.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code <waits>} in the POM: extra readiness conditions per service, all of which must hold. The sample service
 * with http + log + tcp on app and tcp + exec on db comes up and says what it waited for; a log pattern that
 * never appears fails after the wait's own 5 s timeout, naming the unmet condition and showing the last log lines.
 */
class ReadinessIT {
    private static final String PASS = "dsit-ready";
    private static final String TIMEOUT = "dsit-ready-timeout";

    @AfterEach
    void cleanUp() {
        DockerCli.purge(PASS);
        DockerCli.purge(TIMEOUT);
    }

    @Test
    void everyConfiguredConditionIsAwaitedAndReported() {
        TestProject project = TestProject.sample(PASS, "readiness-pass");
        int appPort = TestProject.freePort();
        project.env("APP_PORT", String.valueOf(appPort)).env("DB_PORT", String.valueOf(TestProject.freePort()));
        BuildResult build = project.mvn("package", "devstack:up").assertSuccess();

        String app = build.linesWith("service app created and ").stream().findFirst()
                .orElseThrow(() -> new AssertionError("no readiness line for app\n" + build.tail()));
        assertTrue(app.contains("created and healthy, tcp port 8080, log /sample-service listening on port \\d+/, "
                + "http GET :8080/health answers 200 in "), app);
        String db = build.linesWith("service db created and ").stream().findFirst()
                .orElseThrow(() -> new AssertionError("no readiness line for db\n" + build.tail()));
        assertTrue(db.contains("created and healthy, tcp port 3306, exec `test -d /var/lib/mysql/shop` exits 0 in "), db);

        String appContainer = DockerCli.containerOf(PASS, "app");
        assertEquals("healthy", DockerCli.inspect(appContainer, "{{.State.Health.Status}}"));
        assertTrue(DockerCli.run("logs", appContainer).contains("sample-service listening on port 8080"));
        assertEquals(200, Http.get("http://127.0.0.1:" + appPort + "/health").statusCode());
    }

    @Test
    void logPatternThatNeverAppearsFailsAfterTheWaitTimeoutWithTheLastLogLines() {
        TestProject project = TestProject.of(TIMEOUT, "readiness-timeout");
        long start = System.nanoTime();
        BuildResult build = project.mvn("devstack:up").assertFailure();
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;

        String error = build.goalError();
        assertTrue(error.contains("service slow was not ready within 5.0 s: still waiting for log /^READY$/"), error);
        build.assertLogContains("last log lines of slow:")
                .assertLogContains("    booting")
                .assertLogContains("    still booting")
                .assertLogContains("    almost there")
                .assertLogLacks("\tat ");
        assertTrue(seconds < 60, "the wait's timeout of 5 s applies, not the default 120 s; took " + seconds + " s");

        assertEquals(List.of(), DockerCli.containers(TIMEOUT), "the failed up removes the container it created");
        assertEquals(List.of(), DockerCli.volumes(TIMEOUT), "the volume this run made for slow, which never got "
                + "ready, goes with it: it holds an initialisation that did not finish");
    }
}
