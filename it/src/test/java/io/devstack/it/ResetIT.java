package io.devstack.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * devstack:reset: "Right after up loads a service's dumps, it keeps a snapshot of the data volume … mvn
 * devstack:reset stops the server, puts the snapshot back and waits until it is ready: a file copy instead of a
 * SQL import. When the dumps changed since the snapshot, reset drops and reloads them instead (and takes a new
 * snapshot)." MariaDB and PostgreSQL side by side; rows deleted, added and changed after the load come back as
 * loaded. Prints reset-from-snapshot times next to reload times.
 */
class ResetIT {
    private static final String PROJECT = "dsit-reset";
    private static final Pattern LOADED = Pattern.compile("loaded (dumps/\\S+) into shop: ([\\d.]+ \\S+) in ([^(]+) \\(");

    @AfterEach
    void cleanUp() {
        DumpSupport.purge(PROJECT);
    }

    @Test
    void resetRestoresTheLoadedStateFromTheSnapshot() throws IOException {
        TestProject project = TestProject.of(PROJECT, "reset");
        Path dbDump = project.dir.resolve("dumps/db/shop.sql");
        Path pgDump = project.dir.resolve("dumps/pg/shop.sql");
        int dbRows = DumpSupport.writeBigDump(dbDump, 270, 1000);
        int pgRows = DumpSupport.writeBigDump(pgDump, 180, 1000);
        System.out.printf("[ResetIT] dumps: db %d rows %.1f MB, pg %d rows %.1f MB%n", dbRows,
                dbDump.toFile().length() / 1e6, pgRows, pgDump.toFile().length() / 1e6);

        long t = System.nanoTime();
        BuildResult up = project.mvn("devstack:up").assertSuccess()
                .assertLogContains("loaded dumps/db/shop.sql into shop")
                .assertLogContains("loaded dumps/pg/shop.sql into shop")
                .assertLogContains("snapshot of db's freshly loaded data taken in")
                .assertLogContains("snapshot of pg's freshly loaded data taken in");
        double upSeconds = seconds(t);
        List<String> volumes = DockerCli.volumes(PROJECT);
        assertTrue(volumes.contains(PROJECT + "_db_devstack-snapshot"), volumes.toString());
        assertTrue(volumes.contains(PROJECT + "_pg_devstack-snapshot"), volumes.toString());
        String dbSnapshotDigest = snapshotDigest("db");
        assertTrue(dbSnapshotDigest.matches("[0-9a-f]{32}"), dbSnapshotDigest);
        String db = DockerCli.containerOf(PROJECT, "db");
        String pg = DockerCli.containerOf(PROJECT, "pg");
        String dbLoaded = dbState(db);
        String pgLoaded = pgState(pg);
        assertEquals(dbRows + "\t" + sum(dbRows) + "\trow-1001-", dbLoaded);
        assertEquals(pgRows + "|" + sum(pgRows) + "|row-1001-", pgLoaded);

        // write after the load: deletes, an insert, an update
        String change = "DELETE FROM big WHERE id <= 1000 OR id % 7 = 0; INSERT INTO big VALUES (9999999, 'new');"
                + " UPDATE big SET payload = 'changed' WHERE id = 1001";
        DockerCli.mariadb(db, "secret", "USE shop; " + change);
        DockerCli.psql(pg, "app", "shop", change);
        assertNotEquals(dbLoaded, dbState(db));
        assertNotEquals(pgLoaded, pgState(pg));

        t = System.nanoTime();
        BuildResult reset = project.mvn("devstack:reset").assertSuccess()
                .assertLogContains("db reset from its snapshot in").assertLogContains("pg reset from its snapshot in")
                .assertLogLacks("reloading");
        double resetSeconds = seconds(t);
        assertEquals(db, DockerCli.containerOf(PROJECT, "db"), "the same container, restarted");
        assertEquals(dbLoaded, dbState(db), "db is back to the loaded rows");
        assertEquals(pgLoaded, pgState(pg), "pg is back to the loaded rows");
        assertEquals("0", DockerCli.mariadb(db, "secret", "SELECT count(*) FROM shop.big WHERE id = 9999999"));
        assertEquals("healthy", DockerCli.inspect(db, "{{.State.Health.Status}}"));
        assertEquals("healthy", DockerCli.inspect(pg, "{{.State.Health.Status}}"));

        // one service only
        DockerCli.mariadb(db, "secret", "DELETE FROM shop.big WHERE id <= 10");
        DockerCli.psql(pg, "app", "shop", "DELETE FROM big WHERE id <= 10");
        project.mvn("devstack:reset", "-Ddevstack.services=pg").assertSuccess()
                .assertLogContains("pg reset from its snapshot in").assertLogLacks("db reset");
        assertEquals(pgLoaded, pgState(pg));
        assertEquals(String.valueOf(dbRows - 10), DockerCli.mariadb(db, "secret", "SELECT count(*) FROM shop.big"),
                "db was not reset");

        // the dumps change: up keeps the data (and says so); reset reloads and takes a new snapshot
        append(dbDump, "INSERT INTO big VALUES (" + (dbRows + 1) + ", 'added');\n");
        append(pgDump, "INSERT INTO big VALUES (" + (pgRows + 1) + ", 'added');\n");
        project.mvn("devstack:up").assertSuccess()
                .assertLogContains("dumps/db/shop.sql changed since it was loaded into shop; keeping your data")
                .assertLogContains("dumps/pg/shop.sql changed since it was loaded into shop; keeping your data");
        t = System.nanoTime();
        BuildResult reload = project.mvn("devstack:reset").assertSuccess()
                .assertLogContains("db: no snapshot of the current dumps; reloading them")
                .assertLogContains("pg: no snapshot of the current dumps; reloading them")
                .assertLogContains("db reset by reloading its dumps in")
                .assertLogContains("pg reset by reloading its dumps in");
        double reloadSeconds = seconds(t);
        String dbReloaded = (dbRows + 1) + "\t" + sum(dbRows + 1) + "\trow-1001-";
        String pgReloaded = (pgRows + 1) + "|" + sum(pgRows + 1) + "|row-1001-";
        assertEquals(dbReloaded, dbState(db));
        assertEquals(pgReloaded, pgState(pg));
        assertNotEquals(dbSnapshotDigest, snapshotDigest("db"), "a new snapshot, for the new dumps");

        DockerCli.mariadb(db, "secret", "DELETE FROM shop.big");
        DockerCli.psql(pg, "app", "shop", "DELETE FROM big");
        project.mvn("devstack:reset").assertSuccess().assertLogContains("db reset from its snapshot in")
                .assertLogContains("pg reset from its snapshot in");
        assertEquals(dbReloaded, dbState(db));
        assertEquals(pgReloaded, pgState(pg));

        System.out.printf("[ResetIT] first up (load + snapshot): %.1f s; %s; %s; %s; %s%n", upSeconds,
                loaded(up, "db"), loaded(up, "pg"), line(up, "snapshot of db's"), line(up, "snapshot of pg's"));
        System.out.printf("[ResetIT] reset from snapshot (mvn wall): %.1f s; db %.1f s, pg %.1f s (log)%n", resetSeconds,
                DumpSupport.secondsAfter(reset.log(), "db reset from its snapshot in"),
                DumpSupport.secondsAfter(reset.log(), "pg reset from its snapshot in"));
        System.out.printf("[ResetIT] reset by reload (mvn wall): %.1f s; db %.1f s, pg %.1f s (log, incl. new "
                        + "snapshot); %s; %s%n", reloadSeconds,
                DumpSupport.secondsAfter(reload.log(), "db reset by reloading its dumps in"),
                DumpSupport.secondsAfter(reload.log(), "pg reset by reloading its dumps in"),
                loaded(reload, "db"), loaded(reload, "pg"));
    }

    /**
     * The provisioned state comes back with a reset (the scripts run again on the restored data), and a snapshot
     * whose copy was cut short is never restored: reset reloads the dumps instead and takes a complete snapshot.
     */
    @Test
    void resetProvisionsAgainAndNeverRestoresAnIncompleteSnapshot() {
        TestProject project = TestProject.of(PROJECT, "reset");
        int rows = DumpSupport.writeBigDump(project.dir.resolve("dumps/db/shop.sql"), 3, 10);
        DumpSupport.writeBigDump(project.dir.resolve("dumps/pg/shop.sql"), 1, 10);
        project.file("provision/db/10-seed.sql", "INSERT INTO shop.big VALUES (777777, 'provisioned');\n");
        project.mvn("devstack:up").assertSuccess().assertLogContains("snapshot of db's freshly loaded data taken in");
        String db = DockerCli.containerOf(PROJECT, "db");
        String provisioned = "SELECT count(*) FROM shop.big WHERE payload = 'provisioned'";
        assertEquals("1", DockerCli.mariadb(db, "secret", provisioned), "up ran the provision script");

        DockerCli.mariadb(db, "secret", "DELETE FROM shop.big");
        project.mvn("devstack:reset", "-Ddevstack.services=db").assertSuccess()
                .assertLogContains("db reset from its snapshot in").assertLogContains("10-seed.sql");
        assertEquals(String.valueOf(rows + 1), DockerCli.mariadb(db, "secret", "SELECT count(*) FROM shop.big"),
                "the loaded rows and the provisioned one");
        assertEquals("1", DockerCli.mariadb(db, "secret", provisioned));

        // a snapshot copy cut short: its completion marker is missing
        String snapshot = PROJECT + "_db_devstack-snapshot";
        DockerCli.run("run", "--rm", "--entrypoint", "rm", "-v", snapshot + ":/s", TestProject.MARIADB_IMAGE,
                "/s/complete");
        DockerCli.mariadb(db, "secret", "DELETE FROM shop.big");
        project.mvn("devstack:reset", "-Ddevstack.services=db").assertSuccess()
                .assertLogContains("db: its snapshot is incomplete (taking it was cut short, or an older devstack took "
                        + "it); reloading the dumps")
                .assertLogContains("db reset by reloading its dumps in")
                .assertLogLacks("db reset from its snapshot");
        assertEquals(String.valueOf(rows + 1), DockerCli.mariadb(db, "secret", "SELECT count(*) FROM shop.big"));
        assertEquals("1", DockerCli.mariadb(db, "secret", provisioned));
        assertEquals("0", DockerCli.tryRun("run", "--rm", "--entrypoint", "test", "-v", snapshot + ":/s",
                TestProject.MARIADB_IMAGE, "-f", "/s/complete").exitCode() + "", "the new snapshot is complete");
    }

    private static String dbState(String db) {
        return DockerCli.mariadb(db, "secret", "SELECT count(*), sum(id), "
                + "(SELECT left(payload, 9) FROM shop.big WHERE id = 1001) FROM shop.big");
    }

    private static String pgState(String pg) {
        return DockerCli.psql(pg, "app", "shop", "SELECT count(*), sum(id), "
                + "(SELECT left(payload, 9) FROM big WHERE id = 1001) FROM big");
    }

    private static long sum(long n) {
        return n * (n + 1) / 2;
    }

    private static String snapshotDigest(String service) {
        return DockerCli.inspect(PROJECT + "_" + service + "_devstack-snapshot",
                "{{index .Labels \"io.devstack.snapshot\"}}");
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardOpenOption.APPEND);
    }

    private static String loaded(BuildResult build, String service) {
        Matcher m = LOADED.matcher(build.log());
        while (m.find()) {
            if (m.group(1).startsWith("dumps/" + service + "/")) {
                return service + " loaded " + m.group(2) + " in " + m.group(3).strip();
            }
        }
        return service + " load time not in the log";
    }

    private static String line(BuildResult build, String text) {
        return build.linesWith(text).stream().findFirst().orElse("").replace("[INFO] ", "");
    }
}
