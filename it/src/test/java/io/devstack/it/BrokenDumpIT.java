package io.devstack.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A dump with a SQL error: up fails with one line naming the dump file and line, removes what it created, and
 * does not mark the database loaded — so once the dump is fixed, the next up loads it cleanly.
 */
class BrokenDumpIT {
    private static final String PROJECT = "dsit-broken-dump";

    @AfterEach
    void cleanUp() {
        DockerCli.purge(PROJECT);
    }

    @Test
    void sqlErrorNamesFileAndLineAndLeavesNothingHalfDone() throws IOException {
        TestProject project = TestProject.of(PROJECT, "broken-dump");
        BuildResult build = project.mvn("devstack:up").assertFailure();
        List<String> errors = build.linesWith("[ERROR] Failed to execute goal");
        assertEquals(1, errors.size(), build.tail());
        assertTrue(errors.get(0).contains("dumps/db/inventory.sql line 9: ERROR 1064 (42000)"), errors.get(0));
        build.assertLogLacks("\tat ").assertLogLacks("Caused by");

        assertEquals(List.of(), DockerCli.containers(PROJECT), "containers created by the failed up are removed");
        assertEquals(List.of(PROJECT + "_db-data"), DockerCli.volumes(PROJECT), "the volume stays");

        Path dump = project.dir.resolve("dumps/db/inventory.sql");
        Files.writeString(dump, Files.readString(dump).replace("INSRT INTO", "INSERT INTO"));
        project.mvn("devstack:up").assertSuccess()
                .assertLogContains("an earlier load of dumps/db/inventory.sql into inventory did not finish")
                .assertLogContains("loaded dumps/db/inventory.sql into inventory");
        String db = DockerCli.containerOf(PROJECT, "db");
        assertEquals("4", DockerCli.mariadb(db, "secret", "SELECT COUNT(*) FROM inventory.items"),
                "the half-loaded database was dropped: every row of the fixed dump is there once");
    }
}
