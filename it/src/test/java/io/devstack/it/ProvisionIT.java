package io.devstack.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Provision scripts: "provision/&lt;service&gt;/*.sql and *.sh run in that service's container after its dumps, in
 * name order … each runs once per stack, again when its content changed, and on every up when its name contains
 * .always. A failure names the script and line and shows the output tail; the script is not marked done.
 * mvn devstack:provision runs them all again." Every run leaves a row in table runs, so the counts tell what ran.
 */
class ProvisionIT {
    private static final String PROJECT = "dsit-provision";
    private static final String MARKER = "/var/lib/mysql/.devstack-provision.";

    @AfterEach
    void cleanUp() {
        DumpSupport.purge(PROJECT);
    }

    @Test
    void scriptsRunOnceAlwaysOrAgainAndFailuresNameScriptAndLine() {
        TestProject project = TestProject.of(PROJECT, "provision");

        // 10-users.sql fails on line 3: its table does not exist (yet)
        BuildResult failed = project.mvn("devstack:up").assertFailure();
        String error = failed.goalError();
        assertTrue(error.contains("provision/db/10-users.sql line 3: ERROR 1146 (42S02): Table 'app.audit_log' "
                + "doesn't exist"), error);
        assertTrue(error.contains("it was not marked done, so the next up runs it again"), error);
        failed.assertLogContains("loaded dumps/db/app.sql into app").assertLogLacks("\tat ")
                .assertLogLacks("provisioned db with provision/db/10-users.sql")
                .assertLogLacks("provisioned db with provision/db/20-seed.always.sql");
        List<String> entries = DumpSupport.volumeEntries(PROJECT + "_db-data", TestProject.MARIADB_IMAGE);
        assertTrue(entries.contains(".devstack-dump.app.loaded"), entries.toString());
        assertFalse(entries.stream().anyMatch(e -> e.startsWith(".devstack-provision.")),
                "no script is marked done: " + entries);

        // the table comes from a script that sorts first; 10-users.sql, unchanged, now runs
        project.file("provision/db/05-audit.sql", "CREATE TABLE IF NOT EXISTS audit_log (\n"
                + "  id INT AUTO_INCREMENT PRIMARY KEY,\n  event VARCHAR(50) NOT NULL\n);\n");
        BuildResult up = project.mvn("devstack:up").assertSuccess()
                .assertLogContains("dump dumps/db/app.sql already loaded into app — skipped");
        assertEquals(List.of("05-audit.sql", "10-users.sql", "20-seed.always.sql", "30-shell.sh"), provisioned(up),
                "all scripts, in name order");
        String db = DockerCli.containerOf(PROJECT, "db");
        assertEquals("seed\t1\nshell\t1\nusers\t1", runs(db));
        assertEquals("users", DockerCli.mariadb(db, "secret", "SELECT event FROM app.audit_log"));
        assertEquals("1", DockerCli.mariadb(db, "secret",
                "SELECT count(*) FROM mysql.user WHERE user = 'reporting'"));
        assertEquals(DumpSupport.sha256(project.dir.resolve("provision/db/10-users.sql")),
                DockerCli.exec(db, "cat", MARKER + "10-users.sql"), "the marker records the script's digest");

        // a second up: only the .always. script
        up = project.mvn("devstack:up").assertSuccess();
        assertEquals(List.of("20-seed.always.sql"), provisioned(up));
        assertEquals("seed\t2\nshell\t1\nusers\t1", runs(db));

        // devstack:provision: every script again
        BuildResult provision = project.mvn("devstack:provision").assertSuccess();
        assertEquals(List.of("05-audit.sql", "10-users.sql", "20-seed.always.sql", "30-shell.sh"),
                provisioned(provision));
        assertEquals("seed\t3\nshell\t2\nusers\t2", runs(db));
        assertEquals("2", DockerCli.mariadb(db, "secret", "SELECT count(*) FROM app.audit_log"));

        // a changed script runs again on up
        project.file("provision/db/30-shell.sh", project.read("provision/db/30-shell.sh") + "# changed\n");
        up = project.mvn("devstack:up").assertSuccess();
        assertEquals(List.of("20-seed.always.sql", "30-shell.sh"), provisioned(up));
        assertEquals("seed\t4\nshell\t3\nusers\t2", runs(db));

        // a failing shell script: named with its line, the output tail shown, not marked done
        project.file("provision/db/40-check.sh", """
                #!/bin/bash
                echo "checking the seed"
                n=$(mariadb --user=root --database=app -N -e "SELECT count(*) FROM runs WHERE script = 'seed'")
                test "$n" -gt 1000
                echo "never printed"
                """);
        failed = project.mvn("devstack:up").assertFailure();
        error = failed.goalError();
        assertTrue(error.contains("provision/db/40-check.sh line 4 — failed with exit code 1"), error);
        failed.assertLogContains("checking the seed").assertLogLacks("never printed").assertLogLacks("\tat ");
        assertEquals(1, DockerCli.tryRun("exec", db, "test", "-e", MARKER + "40-check.sh").exitCode(),
                "40-check.sh is not marked done");
        assertEquals(db, DockerCli.containerOf(PROJECT, "db"), "the container from the earlier up stays");
    }

    /** The scripts an up or provision ran, in the order the log says. */
    private static List<String> provisioned(BuildResult build) {
        return build.linesWith("provisioned db with provision/db/").stream()
                .map(l -> l.replaceAll(".*provisioned db with provision/db/(\\S+) in .*", "$1")).toList();
    }

    private static String runs(String db) {
        return DockerCli.mariadb(db, "secret", "SELECT script, count(*) FROM app.runs GROUP BY script ORDER BY script");
    }
}
