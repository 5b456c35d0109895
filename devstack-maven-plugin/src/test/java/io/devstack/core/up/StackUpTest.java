package io.devstack.core.up;

import io.devstack.core.Hashes;
import io.devstack.core.Progress;
import io.devstack.core.compose.ComposeRequest;
import io.devstack.core.dump.DumpException;
import io.devstack.core.engine.ExecResult;
import io.devstack.core.engine.FakeEngine;
import io.devstack.core.ready.ServiceNotReadyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The orchestration of {@code up} against {@link FakeEngine}, in milliseconds: what is reused, recreated or started,
 * readiness failures and the cleanup after them, and the dump markers, snapshot and undoable reload. The same
 * behaviours on a real engine are the ITs' (IncrementalUpIT, ReadinessIT, DumpLoadCrashIT, IntegrityIT).
 */
class StackUpTest {
    private static final String COMPOSE = """
            services:
              db:
                image: mariadb:11
                environment:
                  MARIADB_ROOT_PASSWORD: secret
                volumes:
                  - data:/var/lib/mysql
                healthcheck:
                  test: ["CMD", "true"]
              app:
                image: app:1
                environment:
                  GREETING: hello
                depends_on:
                  db:
                    condition: service_healthy
            volumes:
              data:
            """;

    @TempDir
    Path dir;
    private final FakeEngine engine = new FakeEngine().image("mariadb:11", "sha256:db").image("app:1", "sha256:app");
    private final List<String> log = new ArrayList<>();
    private final Progress progress = new Progress() {
        @Override public void info(String line) {
            log.add(line);
        }

        @Override public void warn(String line) {
            log.add("WARN " + line);
        }
    };

    private UpReport up(boolean reload) {
        UpRequest request = new UpRequest(new ComposeRequest(dir, List.of(dir.resolve("compose.yaml")), "p", Map.of()),
                dir.resolve("dumps"), Duration.ofSeconds(1), Map.of(), false, reload);
        return new StackUp(engine, progress).run(request);
    }

    private void compose(String text) throws IOException {
        Files.writeString(dir.resolve("compose.yaml"), text);
    }

    private List<String> changesDuring(Runnable run) {
        int before = engine.changes.size();
        run.run();
        return List.copyOf(engine.changes.subList(before, engine.changes.size()));
    }

    @Test
    void aSecondUpChangesNothingAndAChangedServiceAloneIsRecreated() throws IOException {
        compose(COMPOSE);
        UpReport first = up(false);
        assertEquals(List.of(ServiceAction.CREATED, ServiceAction.CREATED),
                first.services().stream().map(ServiceState::action).toList());
        assertTrue(engine.changes.containsAll(List.of("create network p_default", "create volume p_data",
                "create p-db-1", "start p-db-1", "create p-app-1", "start p-app-1")), engine.changes.toString());

        List<String> noop = changesDuring(() -> assertTrue(up(false).changedNothing()));
        assertEquals(List.of(), noop, "a no-op up changes nothing");

        compose(COMPOSE.replace("GREETING: hello", "GREETING: bonjour"));
        List<String> changed = changesDuring(() -> assertEquals(List.of(ServiceAction.UP_TO_DATE,
                ServiceAction.RECREATED), up(false).services().stream().map(ServiceState::action).toList()));
        assertEquals(List.of("stop p-app-1", "remove p-app-1", "create p-app-1", "start p-app-1"), changed);
    }

    @Test
    void aNoOpUpReadsHealthyContainersFromTheListAndInspectsOnlyTheOthers() throws IOException {
        compose(COMPOSE);
        up(false);
        engine.inspected.clear();
        assertTrue(up(false).changedNothing());
        String app = engine.containers(Map.of("com.docker.compose.service", "app")).get(0).id();
        // db is healthy in the list; app has no healthcheck, and a list shows none for it either way
        assertEquals(List.of(app), engine.inspected, "db was taken as listed, app inspected once");
    }

    @Test
    void aStoppedContainerIsStartedNotRecreated() throws IOException {
        compose(COMPOSE);
        up(false);
        String db = engine.containers(Map.of("com.docker.compose.service", "db")).get(0).id();
        engine.stop(db, null);
        List<String> changed = changesDuring(() -> assertEquals(ServiceAction.STARTED,
                up(false).services().get(0).action()));
        assertEquals(List.of("start p-db-1"), changed);
    }

    @Test
    void aServiceThatNeverGetsHealthyFailsUpAndWhatTheRunCreatedIsRemoved() throws IOException {
        compose(COMPOSE);
        engine.healthOf.put("db", "starting");
        ServiceNotReadyException e = assertThrows(ServiceNotReadyException.class, () -> up(false));
        assertTrue(e.getMessage().startsWith("service db was not ready within 1.0 s: still waiting for healthy"),
                e.getMessage());
        assertTrue(e.getMessage().contains("fake log line"), "the service's last log lines come along");
        assertEquals(List.of(), engine.containers(Map.of("com.docker.compose.project", "p")), "containers removed");
        assertFalse(engine.volumeExists("p_data"), "a volume this run created holds only a cut-off initialisation");
        assertTrue(log.stream().anyMatch(l -> l.startsWith("WARN up failed: removed the 1 container(s) it had created "
                + "and the 1 new volume(s) of services cut off before they were ready")), log::toString);
        assertFalse(engine.changes.contains("create p-app-1"), "app, waiting for a healthy db, was never created");
    }

    @Test
    void aFailedUpNeverRemovesAVolumeThatExistedBefore() throws IOException {
        compose(COMPOSE);
        engine.createVolume("p_data", null, Map.of("com.docker.compose.project", "p"));
        engine.healthOf.put("db", "starting");
        assertThrows(ServiceNotReadyException.class, () -> up(false));
        assertTrue(engine.volumeExists("p_data"), "it may hold the developer's data");
        assertTrue(log.stream().anyMatch(l -> l.startsWith("WARN up failed: removed the 1 container(s) it had "
                + "created (other volumes and data are kept)")), log::toString);
    }

    @Test
    void aServiceThatExitsFailsUpNamingItNotItsDependents() throws IOException {
        compose(COMPOSE);
        engine.exitOf.put("db", 1L);
        ServiceNotReadyException e = assertThrows(ServiceNotReadyException.class, () -> up(false));
        assertTrue(e.getMessage().startsWith("service db exited with code 1 while starting"), e.getMessage());
    }

    @Test
    void aServiceGoneFromTheFileIsRemovedAsAnOrphan() throws IOException {
        compose(COMPOSE);
        up(false);
        compose(COMPOSE.substring(0, COMPOSE.indexOf("  app:")) + "volumes:\n  data:\n");
        UpReport report = up(false);
        assertEquals(1, report.orphansRemoved());
        assertEquals(List.of("p-db-1"), engine.containers(Map.of("com.docker.compose.project", "p")).stream()
                .map(c -> c.name()).toList());
    }

    @Test
    void whenOneServicesReloadFailsUpWaitsForTheOthersToPutTheirDataBack() throws IOException {
        compose(COMPOSE.replace("  app:", "  db2:\n    image: mariadb:11\n    environment:\n"
                + "      MARIADB_ROOT_PASSWORD: secret\n    volumes:\n      - data2:/var/lib/mysql\n  app:")
                .replace("volumes:\n  data:\n", "volumes:\n  data:\n  data2:\n"));
        for (String service : List.of("db", "db2")) {
            Files.createDirectories(dir.resolve("dumps/" + service));
            Files.writeString(dir.resolve("dumps/" + service + "/app.sql"), "CREATE TABLE t (id int);\n");
        }
        up(false);
        Map<String, String> before = engine.filesOf("p_data2");
        for (String service : List.of("db", "db2")) {
            Files.writeString(dir.resolve("dumps/" + service + "/app.sql"), "broken (\n");
        }
        engine.otherCommands = (container, command, env) -> {
            if (!command.get(0).equals("load")) {
                return new ExecResult(0, "", "");
            }
            if ("db2".equals(engine.inspect(container).labels().get("com.docker.compose.service"))) {
                try {
                    Thread.sleep(300); // the slower one fails last
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new ExecResult(1, "", "ERROR 1064 (42000) at line 1: syntax");
        };
        assertThrows(DumpException.class, () -> up(true));
        assertFalse(engine.volumeExists("p_db2_devstack-backup"), "db2 finished putting its data back");
        Map<String, String> after = new java.util.TreeMap<>(engine.filesOf("p_data2"));
        after.remove(".devstack-dump.app.failed");
        assertEquals(before, after);
    }

    @Test
    void aReloadCutShortIsPutBackByTheNextUpWhicheverDumpItWasFor() throws IOException {
        compose(COMPOSE);
        Files.createDirectories(dir.resolve("dumps/db"));
        Files.writeString(dir.resolve("dumps/db/a.sql"), "CREATE TABLE a (id int);\n");
        Files.writeString(dir.resolve("dumps/db/b.sql"), "CREATE TABLE b (id int);\n");
        assertEquals(2, up(false).dumpsLoaded());
        Map<String, String> before = engine.filesOf("p_data");
        // as a killed reload of b leaves it: the copy taken, b's load begun, its database half replaced
        engine.createVolume("p_db_devstack-backup", null, Map.of());
        before.forEach((path, content) -> engine.putFile("p_db_devstack-backup", "data/" + path, content));
        engine.putFile("p_db_devstack-backup", "complete", "");
        engine.removeFile("p_data", ".devstack-dump.b.loaded");
        engine.putFile("p_data", ".devstack-dump.b.loading", "");
        engine.putFile("p_data", "half-loaded-table", "junk");

        assertEquals(0, up(false).dumpsLoaded(), "nothing is dropped or loaded again: the data from before is back");
        assertEquals(before, engine.filesOf("p_data"));
        assertFalse(engine.volumeExists("p_db_devstack-backup"));
        assertTrue(log.contains("WARN an earlier reload of db did not finish; put back the data it held before it"),
                log::toString);
    }

    @Test
    void aDumpLoadsOnceIsSnapshottedAndAFailedReloadPutsTheDataBack() throws IOException {
        compose(COMPOSE);
        Files.createDirectories(dir.resolve("dumps/db"));
        Files.writeString(dir.resolve("dumps/db/app.sql"), "CREATE TABLE t (id int);\n");
        List<String> loads = new ArrayList<>();
        engine.otherCommands = (container, command, env) -> {
            if (command.get(0).equals("load")) {
                loads.add(command.get(1));
            }
            return new ExecResult(0, "", "");
        };
        assertEquals(1, up(false).dumpsLoaded());
        assertEquals(1, loads.size());
        Map<String, String> loaded = engine.filesOf("p_data");
        assertTrue(loaded.containsKey(".devstack-dump.app.loaded") && !loaded.containsKey(".devstack-dump.app.loading"),
                loaded.toString());
        assertTrue(engine.filesOf("p_db_devstack-snapshot").containsKey("complete"), "the snapshot is complete");
        assertEquals(0, up(false).dumpsLoaded(), "loaded once");

        // the dump changes and its reload fails: the copy from before is put back, the failure is recorded
        Files.writeString(dir.resolve("dumps/db/app.sql"), "CREATE TABLE broken (\n");
        engine.otherCommands = (container, command, env) -> command.get(0).equals("load")
                ? new ExecResult(1, "", "ERROR 1064 (42000) at line 1: You have an error in your SQL syntax")
                : new ExecResult(0, "", "");
        DumpException e = assertThrows(DumpException.class, () -> up(true));
        assertTrue(e.getMessage().startsWith("dumps/db/app.sql line 1: ERROR 1064 (42000): You have an error"),
                e.getMessage());
        assertTrue(e.getMessage().contains("is put back as it was before it (your data is kept)"), e.getMessage());
        Map<String, String> after = new java.util.TreeMap<>(engine.filesOf("p_data"));
        assertTrue(after.remove(".devstack-dump.app.failed").startsWith(
                Hashes.sha256(dir.resolve("dumps/db/app.sql")) + "\n"), "the failure is recorded");
        assertEquals(loaded, after, "the data volume holds what it held before the reload");
        assertFalse(engine.volumeExists("p_db_devstack-backup"), "the copy is removed once put back");
        assertTrue(up(false).services().size() == 2);
        assertTrue(log.stream().anyMatch(l -> l.startsWith("WARN dumps/db/app.sql is not loaded: its last load failed")),
                log::toString);
    }
}
