package io.devstack.core.up;

import io.devstack.core.engine.ContainerInfo.PublishedPort;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UpReportTest {
    private static final ServiceState DB = new ServiceState("db", ServiceAction.CREATED, "0123456789abcdef0123", "running",
            "healthy", List.of(new PublishedPort(5432, "tcp", "127.0.0.1", 5432)));
    private static final ServiceState WEB = new ServiceState("web-frontend", ServiceAction.UP_TO_DATE, "abc", "running", null,
            List.of());
    private static final ServiceState API = new ServiceState("api", ServiceAction.UP_TO_DATE, "fedcba987654", "running", "starting",
            List.of(new PublishedPort(8080, "tcp", "127.0.0.1", 8080), new PublishedPort(5005, "tcp", "0.0.0.0", 5005)));

    @Test
    void tableHasFixedWidthColumns() {
        List<String> table = new UpReport("shop", List.of(DB, WEB), 0).table();
        assertEquals(List.of(
                "SERVICE       STATE    HEALTH   PORTS                     CONTAINER     THIS RUN",
                "db            running  healthy  127.0.0.1:5432->5432/tcp  0123456789ab  created",
                "web-frontend  running  -        -                         abc           up to date"),
                table);
    }

    @Test
    void multiplePortsAreJoined() {
        List<String> table = new UpReport("shop", List.of(API), 0).table();
        assertEquals(List.of(
                "SERVICE  STATE    HEALTH    PORTS" + " ".repeat(45) + "CONTAINER     THIS RUN",
                "api      running  starting  127.0.0.1:8080->8080/tcp, 0.0.0.0:5005->5005/tcp  fedcba987654  up to date"),
                table);
    }

    @Test
    void everyColumnStartsAtTheSameOffsetOnEveryLine() {
        List<String> table = new UpReport("shop", List.of(DB, WEB, API), 0).table();
        String header = table.get(0);
        for (String column : List.of("STATE", "HEALTH", "PORTS", "CONTAINER", "THIS RUN")) {
            int at = header.indexOf(column);
            for (String line : table.subList(1, table.size())) {
                assertEquals(' ', line.charAt(at - 1), "column " + column + " in: " + line);
                assertEquals(' ', line.charAt(at - 2), "column " + column + " in: " + line);
                assertTrue(line.charAt(at) != ' ', "column " + column + " in: " + line);
            }
        }
        table.forEach(line -> assertEquals(line.stripTrailing(), line));
    }

    @Test
    void emptyReportIsJustTheHeader() {
        assertEquals(List.of("SERVICE  STATE  HEALTH  PORTS  CONTAINER  THIS RUN"),
                new UpReport("shop", List.of(), 0).table());
    }

    @Test
    void changedNothingOnlyWhenEverythingIsUpToDateAndNoDumpWasLoaded() {
        assertTrue(new UpReport("shop", List.of(WEB, API), 0).changedNothing());
        assertTrue(new UpReport("shop", List.of(), 0).changedNothing());
        assertFalse(new UpReport("shop", List.of(WEB, API), 1).changedNothing());
        assertFalse(new UpReport("shop", List.of(WEB, DB), 0).changedNothing());
        assertFalse(new UpReport("shop", List.of(new ServiceState("db", ServiceAction.STARTED, "abc", "running", null, List.of())),
                0).changedNothing());
    }
}
