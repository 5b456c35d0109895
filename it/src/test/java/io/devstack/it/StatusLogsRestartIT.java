package io.devstack.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The goals besides up and down, on a running stack (src/it/status-logs): status prints a row per service with
 * state, health, ports and image; logs prints the chosen service's lines prefixed with its name; restart restarts
 * the chosen service's container in place and waits until it is healthy again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatusLogsRestartIT {
    private static final String PROJECT = "dsit-status";
    private TestProject project;
    private int appPort;

    @BeforeAll
    void up() {
        project = TestProject.of(PROJECT, "status-logs");
        appPort = TestProject.freePort();
        project.env("APP_PORT", String.valueOf(appPort));
        project.mvn("devstack:up").assertSuccess();
    }

    @AfterAll
    void cleanUp() {
        DockerCli.purge(PROJECT);
    }

    /** The status table: header, then one row per service, columns split where two or more spaces are. */
    private static List<List<String>> statusRows(BuildResult build) {
        List<String> lines = build.infoLinesFrom("SERVICE ");
        assertEquals(List.of("SERVICE", "STATE", "HEALTH", "PORTS", "IMAGE", "UPTIME"),
                Arrays.asList(lines.get(0).strip().split("\\s{2,}")));
        return lines.subList(1, 3).stream().map(l -> Arrays.asList(l.strip().split("\\s{2,}"))).toList();
    }

    private static void assertUptime(String uptime) {
        assertTrue(uptime.matches("\\d+s|\\d+m\\d\\ds"), "uptime: " + uptime);
    }

    @Test
    @Order(1)
    void statusPrintsARowPerServiceWithStateHealthPortsAndImage() {
        BuildResult build = project.mvn("devstack:status").assertSuccess();
        List<List<String>> rows = statusRows(build);

        List<String> db = rows.get(0);
        assertEquals(List.of("db", "running", "healthy", "-", TestProject.MARIADB_IMAGE), db.subList(0, 5), db::toString);
        assertUptime(db.get(5));
        List<String> app = rows.get(1);
        assertEquals(List.of("app", "running", "-", "127.0.0.1:" + appPort + "->80/tcp", "devstack-it/debian:bookworm"),
                app.subList(0, 5), app::toString);
        assertUptime(app.get(5));
        build.assertLogContains("BUILD SUCCESS");
    }

    @Test
    @Order(2)
    void logsOfOneServiceArePrefixedWithItsName() {
        BuildResult build = project.mvn("devstack:logs", "-Ddevstack.services=app").assertSuccess();
        assertEquals(List.of("app | hello from app", "app | second line from app"), build.linesWith(" | "),
                "exactly app's two lines, prefixed");
        assertTrue(build.log().lines().noneMatch(l -> l.startsWith("db ")), "no line of db");
    }

    @Test
    @Order(3)
    void restartKeepsTheContainerButStartsItAgain() {
        String db = DockerCli.containerOf(PROJECT, "db");
        String app = DockerCli.containerOf(PROJECT, "app");
        String dbStarted = DockerCli.inspect(db, "{{.State.StartedAt}}");
        String appStarted = DockerCli.inspect(app, "{{.State.StartedAt}}");

        project.mvn("devstack:restart", "-Ddevstack.services=db").assertSuccess()
                .assertLogContains("service db restarted and healthy in")
                .assertLogLacks("service app restarted");

        assertEquals(db, DockerCli.containerOf(PROJECT, "db"), "same db container");
        assertNotEquals(dbStarted, DockerCli.inspect(db, "{{.State.StartedAt}}"), "db was started again");
        assertEquals("healthy", DockerCli.inspect(db, "{{.State.Health.Status}}"), "and is healthy once restart ends");
        assertEquals(appStarted, DockerCli.inspect(app, "{{.State.StartedAt}}"), "app was not restarted");
    }
}
