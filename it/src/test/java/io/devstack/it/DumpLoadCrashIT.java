package io.devstack.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "A load that was interrupted or failed is noticed on the next up: that database is dropped and loaded again."
 * The Maven JVM is killed (SIGKILL: no shutdown hook runs) in the middle of loading a ~40 MB dump; the next up
 * says the earlier load did not finish, reloads, and the table then holds exactly the dump's rows.
 */
class DumpLoadCrashIT {
    private static final String PROJECT = "dsit-crash";
    private static final String DATA = "/var/lib/mysql/.devstack-dump.big";
    private MavenProcess maven;

    @AfterEach
    void cleanUp() {
        if (maven != null && maven.process.isAlive()) {
            maven.kill();
        }
        DumpSupport.purge(PROJECT);
    }

    @Test
    void killedLoadIsDroppedAndReloadedOnTheNextUp() throws InterruptedException {
        TestProject project = TestProject.of(PROJECT, "dump-crash");
        Path dump = project.dir.resolve("dumps/db/big.sql");
        int rows = DumpSupport.writeBigDump(dump, 360, 1000);
        long sum = (long) rows * (rows + 1) / 2;
        System.out.printf("[DumpLoadCrashIT] dump: %d rows, %.1f MB%n", rows, dump.toFile().length() / 1e6);

        maven = project.start("build-killed.log", "devstack:up");
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        String db = null;
        long atKill;
        while (true) {
            assertTrue(maven.process.isAlive(), () -> "up ended before the load could be interrupted:\n" + maven.log());
            assertTrue(System.nanoTime() < deadline, () -> "the load never started:\n" + maven.log());
            if (db == null) {
                List<String> ids = DockerCli.lines(DockerCli.run("ps", "-q", "--no-trunc", "--filter",
                        "label=com.docker.compose.project=" + PROJECT, "--filter", "label=com.docker.compose.service=db"));
                db = ids.isEmpty() ? null : ids.get(0);
            }
            if (db != null && DockerCli.tryRun("exec", db, "test", "-e", DATA + ".loading").exitCode() == 0) {
                long n = rowCount(db);
                if (n > 0) {
                    maven.kill(); // destroyForcibly on the Maven JVM and its descendants
                    atKill = n;
                    break;
                }
            }
            Thread.sleep(100);
        }
        assertTrue(maven.process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "the killed Maven exits");
        String killedLog = maven.log();
        assertTrue(killedLog.contains("service db created"), killedLog);
        assertFalse(killedLog.contains("loaded dumps/db/big.sql"), "killed before the load finished:\n" + killedLog);
        assertTrue(atKill < rows, "killed mid-load: " + atKill + " of " + rows + " rows were in");
        assertEquals(0, DockerCli.tryRun("exec", db, "test", "-e", DATA + ".loading").exitCode(),
                "the .loading marker stays behind");
        assertEquals(1, DockerCli.tryRun("exec", db, "test", "-e", DATA + ".loaded").exitCode(),
                "no .loaded marker");
        Thread.sleep(1000);
        long aSecondLater = rowCount(db);
        System.out.printf("[DumpLoadCrashIT] rows at kill: %d; one second later: %d (the client in the container "
                + "%s)%n", atKill, aSecondLater, aSecondLater > atKill ? "keeps loading" : "stopped");

        long start = System.nanoTime();
        BuildResult next = project.mvn("devstack:up");
        double nextSeconds = (System.nanoTime() - start) / 1e9;
        next.assertSuccess()
                .assertLogContains("an earlier load of dumps/db/big.sql into big did not finish; dropping the database "
                        + "and loading it again")
                .assertLogContains("loaded dumps/db/big.sql into big");
        db = DockerCli.containerOf(PROJECT, "db");
        assertEquals(rows + "\t" + sum, DockerCli.mariadb(db, "secret", "SELECT count(*), sum(id) FROM big.big"),
                "exactly the dump's rows, each once");
        assertEquals(DumpSupport.sha256(dump), DockerCli.exec(db, "cat", DATA + ".loaded"),
                "the .loaded marker holds the dump's digest");
        assertEquals(1, DockerCli.tryRun("exec", db, "test", "-e", DATA + ".loading").exitCode(),
                "the .loading marker is gone");
        System.out.printf("[DumpLoadCrashIT] up after the kill: %.1f s (%s)%n", nextSeconds,
                next.linesWith("loaded dumps/db/big.sql").get(0).replace("[INFO] ", ""));

        project.mvn("devstack:up").assertSuccess()
                .assertLogContains("dump dumps/db/big.sql already loaded into big — skipped")
                .assertLogLacks("did not finish");
        assertEquals(String.valueOf(rows), DockerCli.mariadb(db, "secret", "SELECT count(*) FROM big.big"));
    }

    /**
     * Killed while up takes the snapshot after the load (the server stopped, a helper container copying the data
     * volume): the next up brings the stack back with all rows, reset still works, and "devstack:down
     * -Ddevstack.removeVolumes=true" removes what the project has — containers and volumes.
     */
    @Test
    void killedDuringTheSnapshotLeavesNothingDownCannotRemove() throws InterruptedException {
        TestProject project = TestProject.of(PROJECT, "dump-crash");
        int rows = DumpSupport.writeBigDump(project.dir.resolve("dumps/db/big.sql"), 360, 1000);

        maven = project.start("build-killed-snapshot.log", "devstack:up");
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        while (true) {
            assertTrue(maven.process.isAlive(), () -> "up ended before the snapshot could be interrupted:\n"
                    + maven.log());
            assertTrue(System.nanoTime() < deadline, () -> "the snapshot never started:\n" + maven.log());
            if (!DockerCli.lines(DockerCli.run("ps", "-aq", "--filter", "label=io.devstack.project=" + PROJECT,
                    "--filter", "label=io.devstack.role=snapshot-copy")).isEmpty()) {
                maven.kill();
                break;
            }
            Thread.sleep(20);
        }
        assertTrue(maven.process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "the killed Maven exits");
        String killedLog = maven.log();
        assertTrue(killedLog.contains("loaded dumps/db/big.sql into big"), killedLog);
        assertFalse(killedLog.contains("snapshot of db's freshly loaded data taken"),
                "killed before the snapshot was done:\n" + killedLog);
        System.out.println("[DumpLoadCrashIT] after the kill during the snapshot: " + DockerCli.run("ps", "-a",
                "--filter", "label=io.devstack.project=" + PROJECT, "--format", "{{.Names}} {{.Status}}")
                .replace('\n', ';'));

        project.mvn("devstack:up").assertSuccess();
        String db = DockerCli.containerOf(PROJECT, "db");
        assertEquals(String.valueOf(rows), DockerCli.mariadb(db, "secret", "SELECT count(*) FROM big.big"));
        DockerCli.mariadb(db, "secret", "DELETE FROM big.big WHERE id % 2 = 0");
        project.mvn("devstack:reset").assertSuccess();
        assertEquals(String.valueOf(rows), DockerCli.mariadb(db, "secret", "SELECT count(*) FROM big.big"),
                "reset brings back every row");

        BuildResult down = project.mvn("devstack:down", "-Ddevstack.removeVolumes=true");
        List<String> left = DumpSupport.devstackContainers(PROJECT);
        down.assertSuccess();
        assertEquals(List.of(), left, "no container of the project is left");
        assertEquals(List.of(), DockerCli.volumes(PROJECT), "no volume of the project is left");
    }

    private static long rowCount(String db) {
        DockerCli.Result result = DockerCli.tryRun("exec", db, "mariadb", "-uroot", "-psecret", "-N", "-B", "-e",
                "SELECT count(*) FROM big.big");
        return result.exitCode() == 0 ? Long.parseLong(result.output().strip()) : -1;
    }
}
