package io.devstack.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * devstack:dump with Liquibase ({@code <migrationGoals>liquibase:update}, -Dliquibase.url/username/password) on
 * PostgreSQL: pg_dump writes the schema plus the rows of DATABASECHANGELOG (the default data tables), normalised; a
 * new changeset makes the check fail with a diff naming the new table; a refreshed dump passes the check.
 */
class LiquibaseDumpIT {
    private static final String PROJECT = "dsit-dump-lb";
    private static final String DUMP = "dumps/pg/app.sql";
    private static final String CHANGELOG = "src/main/resources/db/changelog/";
    private static final String CHANGELOG_ROW = "INSERT INTO public.databasechangelog (";

    @AfterEach
    void cleanUp() {
        DumpSupport.purge(PROJECT);
    }

    @Test
    void dumpCheckAndRefreshWithLiquibaseOnPostgres() {
        TestProject project = TestProject.of(PROJECT, "dump-liquibase");
        Path dump = project.dir.resolve(DUMP);

        project.mvn("devstack:dump", "-Ddevstack.dump.databases=pg/app", "-Ddevstack.dump.fromScratch=true")
                .assertSuccess().assertLogContains("migrations ran against a throwaway pg in")
                .assertLogContains("wrote " + DUMP);
        assertEquals(List.of(), DumpSupport.devstackContainers(PROJECT), "the throwaway database is removed");
        String first = project.read(DUMP);
        assertTrue(first.startsWith("-- devstack dump of PostgreSQL database app; refresh with: mvn devstack:dump\n"
                + "-- migrations: sha256:"), first);
        assertTrue(first.contains("(2 files)\n"), first);
        for (String file : List.of("001-accounts.xml", "db.changelog-master.xml")) {
            assertTrue(first.contains("-- migration " + sha12(project, CHANGELOG + file) + " " + CHANGELOG + file + "\n"),
                    file + " in the header:\n" + first);
        }
        assertTrue(first.contains("CREATE TABLE public.account ("), first);
        assertTrue(first.contains("CREATE TABLE public.databasechangelog ("), first);
        assertEquals(2, DumpSupport.count(first, "INSERT INTO public.account "), "the changeset's rows are in: " + first);
        assertFalse(first.contains("Dumped from database version"), "no server version");
        assertFalse(first.contains("Dumped by pg_dump version"), "no pg_dump version");
        assertFalse(first.contains("\r"), "LF endings");

        // a new changeset: the check fails with a diff showing the new table and writes nothing
        project.file(CHANGELOG + "db.changelog-master.xml", project.read(CHANGELOG + "db.changelog-master.xml")
                .replace("  <include file=\"db/changelog/001-accounts.xml\"/>\n",
                        "  <include file=\"db/changelog/001-accounts.xml\"/>\n"
                                + "  <include file=\"db/changelog/002-invoices.xml\"/>\n"));
        project.file(CHANGELOG + "002-invoices.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                                   xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                                   xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                                   http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.29.xsd">
                  <changeSet id="002-invoices" author="devstack-it">
                    <createTable tableName="invoice">
                      <column name="id" type="BIGINT" autoIncrement="true"><constraints primaryKey="true"/></column>
                      <column name="account_id" type="BIGINT"><constraints nullable="false"/></column>
                      <column name="amount_cents" type="INT"><constraints nullable="false"/></column>
                    </createTable>
                    <insert tableName="invoice">
                      <column name="account_id" valueNumeric="1"/><column name="amount_cents" valueNumeric="1250"/>
                    </insert>
                  </changeSet>
                </databaseChangeLog>
                """);
        byte[] committed = DumpSupport.bytes(dump);
        BuildResult check = project.mvn("devstack:dump", "-Ddevstack.dump.check=true").assertFailure();
        assertTrue(check.goalError().contains(DUMP + " differs from what the migrations produce:"), check.goalError());
        check.assertLogContains("+CREATE TABLE public.invoice (")
                .assertLogContains("run mvn devstack:dump and commit the result");
        assertArrayEquals(committed, DumpSupport.bytes(dump), "check writes nothing");

        // refresh, then the check passes
        project.mvn("devstack:dump").assertSuccess().assertLogContains("loaded " + DUMP + " into app")
                .assertLogContains("wrote " + DUMP);
        String second = project.read(DUMP);
        assertTrue(second.contains("CREATE TABLE public.invoice ("), second);
        assertTrue(second.contains("(3 files)\n"), second);
        assertEquals(1, DumpSupport.count(second, "INSERT INTO public.invoice "), "002's row is in: " + second);
        assertEquals(2, DumpSupport.count(second, "INSERT INTO public.account "), "the committed rows stay");
        // DATABASECHANGELOG keeps one row per changeset
        assertEquals(1, changelogRows(second, "001-accounts"),
                "one databasechangelog row for 001-accounts in the dump:\n" + rows(second));
        assertEquals(1, changelogRows(second, "002-invoices"),
                "one databasechangelog row for 002-invoices in the dump:\n" + rows(second));

        project.mvn("devstack:dump", "-Ddevstack.dump.check=true").assertSuccess()
                .assertLogContains(DUMP + " matches the migrations");

        // the refreshed dump loads into the stack with the changelog intact
        project.mvn("devstack:up").assertSuccess().assertLogContains("loaded " + DUMP + " into app")
                .assertLogLacks("is stale");
        String pg = DockerCli.containerOf(PROJECT, "pg");
        assertEquals("001-accounts\n002-invoices", DockerCli.psql(pg, "app", "app",
                "SELECT id FROM databasechangelog ORDER BY orderexecuted"));
        assertEquals("1", DockerCli.psql(pg, "app", "app", "SELECT count(*) FROM invoice"));
    }

    /** Rows of the changeset in the dump: one INSERT with column names per row, the id first. */
    private static long changelogRows(String dump, String id) {
        return dump.lines().filter(l -> l.startsWith(CHANGELOG_ROW) && l.contains(") VALUES ('" + id + "', ")).count();
    }

    private static String rows(String dump) {
        return String.join("\n", dump.lines().filter(l -> l.startsWith(CHANGELOG_ROW)).toList());
    }

    private static String sha12(TestProject project, String relative) {
        return DumpSupport.sha256(project.dir.resolve(relative)).substring(0, 12);
    }
}
