package io.devstack.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A PostgreSQL service: its dump (gzipped here) is loaded through psql into a database created for it. */
class PostgresDumpIT {
    private static final String PROJECT = "dsit-postgres";

    @AfterEach
    void cleanUp() {
        DockerCli.purge(PROJECT);
    }

    @Test
    void gzippedDumpIsLoadedOnceIntoANewDatabase() {
        TestProject project = TestProject.of(PROJECT, "postgres-dump");
        project.mvn("devstack:up").assertSuccess()
                .assertLogContains("loaded dumps/pg/reports.sql.gz into reports");
        String pg = DockerCli.containerOf(PROJECT, "pg");
        assertEquals("4", DockerCli.psql(pg, "app", "reports", "SELECT count(*) FROM monthly_totals"));
        DockerCli.psql(pg, "app", "reports", "DELETE FROM monthly_totals WHERE month = 1");

        project.mvn("devstack:up").assertSuccess().assertLogContains("nothing to do");
        assertEquals("3", DockerCli.psql(pg, "app", "reports", "SELECT count(*) FROM monthly_totals"));
    }
}
