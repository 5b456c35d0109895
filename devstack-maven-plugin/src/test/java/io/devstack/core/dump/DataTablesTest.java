package io.devstack.core.dump;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which tables keep their rows in a refreshed dump, what the summary says, and how the file is written. */
class DataTablesTest {
    private static final TableCensus BEFORE = new TableCensus(Map.of("django_migrations", 130L,
            "auth_permission", 160L, "auth_user", 0L, "legacy_codes", 3L, "catalog_product", 7L));
    private static final TableCensus AFTER = new TableCensus(Map.of("django_migrations", 131L,
            "auth_permission", 160L, "auth_user", 0L, "catalog_product", 7L, "new_table", 2L,
            "flyway_schema_history", 1L, "SequelizeMeta", 0L));

    @Test
    void tablesWithRowsBeforeOrAfterTheMigrationsAndEveryKnownHistoryTableKeepTheirRows() {
        assertEquals(List.of("SequelizeMeta", "auth_permission", "catalog_product", "django_migrations",
                "flyway_schema_history", "new_table"), DataTables.choose(BEFORE, AFTER, List.of(), List.of()));
    }

    @Test
    void dataTablesAddAndSchemaOnlyTablesRemoveWithoutCase() {
        assertEquals(List.of("SequelizeMeta", "auth_permission", "auth_user", "django_migrations",
                "flyway_schema_history", "new_table"), DataTables.choose(BEFORE, AFTER, List.of("AUTH_USER"),
                List.of("catalog_product")));
    }

    /** A first dump: the seed rows of the migrations are the data, as their history says they were written. */
    @Test
    void aDumpFromScratchKeepsTheRowsOfEveryTableTheMigrationsFilled() {
        List<String> chosen = DataTables.choose(TableCensus.EMPTY, AFTER, List.of(), List.of("SequelizeMeta"));
        assertEquals(List.of("auth_permission", "catalog_product", "django_migrations", "flyway_schema_history",
                "new_table"), chosen);
        assertEquals(List.of("auth_permission (160)", "catalog_product (7)", "new_table (2)"),
                DataTables.filledByMigrations(TableCensus.EMPTY, AFTER, chosen));
        assertEquals(List.of("new_table (2)"), DataTables.filledByMigrations(BEFORE, AFTER,
                DataTables.choose(BEFORE, AFTER, List.of(), List.of())), "only what held no rows before");
        assertEquals(List.of(), DataTables.filledByMigrations(BEFORE, AFTER,
                DataTables.choose(BEFORE, AFTER, List.of(), List.of("new_table"))), "left out on request");
    }

    @Test
    void aTableWithCommittedRowsThatAMigrationDroppedIsNamed() {
        assertEquals(List.of("legacy_codes"), DataTables.dropped(BEFORE, AFTER));
    }

    @Test
    void postgresNamesMatchBareConfiguredNames() {
        TableCensus pg = new TableCensus(Map.of("public.databasechangelog", 3L, "public.item", 5L,
                "public.__EFMigrationsHistory", 1L));
        assertEquals(List.of("public.__EFMigrationsHistory", "public.databasechangelog", "public.item"),
                DataTables.choose(TableCensus.EMPTY, pg, List.of("item"), List.of()));
    }

    @Test
    void tablesOfTheSameNameInTwoSchemasOrCasesAreNotMixedUp() {
        TableCensus before = new TableCensus(Map.of("audit.events", 0L, "public.events", 4L, "Users", 2L, "users", 0L));
        TableCensus after = new TableCensus(Map.of("audit.events", 0L, "public.events", 4L, "Users", 2L, "users", 0L));
        assertEquals(List.of("Users", "public.events"), DataTables.choose(before, after, List.of(), List.of()));
        assertEquals(4, before.rowsOf("public.events"));
        assertEquals(0, before.rowsOf("events"), "a bare name that two schemas have is no match");
        assertEquals(List.of(), DataTables.dropped(before, after));
    }

    @Test
    void quotedNamesInADumpTextAreReadWhole() {
        String pg = "CREATE TABLE public.\"order-items\" (\n);\nINSERT INTO public.\"order-items\" (id) VALUES (1);\n";
        assertEquals(Map.of("public.order-items", 1L), TableCensus.ofText(pg).rows());
    }

    @Test
    void aNameThatCannotBeATableIsRefusedNamingTheElement() {
        DumpException e = assertThrows(DumpException.class,
                () -> DataTables.checkNames(List.of("ok", "x; rm -rf /"), "<schemaOnlyTables>"));
        assertTrue(e.getMessage().contains("<schemaOnlyTables> entry \"x; rm -rf /\""), e.getMessage());
    }

    @Test
    void censusParsesTheClientsTabSeparatedLines() {
        assertEquals(Map.of("a", 3L, "public.b c", 0L), TableCensus.parse("a\t3\npublic.b c\t0\n\n").rows());
    }

    @Test
    void censusOfATextCountsInsertsAndCopyLines() {
        String mariadb = "CREATE TABLE `a` (\n  `id` int\n);\nCREATE TABLE `b` (\n);\n"
                + "INSERT INTO `a` (`id`) VALUES (1);\nINSERT INTO `a` (`id`) VALUES (2);\n";
        assertEquals(Map.of("a", 2L, "b", 0L), TableCensus.ofText(mariadb).rows());
        String pg = "CREATE TABLE public.t (\n    id integer\n);\nCOPY public.t (id) FROM stdin;\n1\n2\n3\n\\.\n";
        assertEquals(Map.of("public.t", 3L), TableCensus.ofText(pg).rows());
        assertEquals(Map.of(), TableCensus.ofText(null).rows());
    }

    @Test
    void theSummaryNamesAddedAndRemovedTablesAndChangedRowCounts() {
        List<String> lines = DumpChanges.describe("dumps/db/app.sql", BEFORE, AFTER,
                DataTables.choose(BEFORE, AFTER, List.of(), List.of()));
        assertEquals(List.of("dumps/db/app.sql: 7 tables, added [SequelizeMeta, flyway_schema_history, new_table], "
                        + "removed [legacy_codes]; rows of 6 data table(s): 301",
                "  SequelizeMeta: new -> 0 rows",
                "  django_migrations: 130 -> 131 rows",
                "  flyway_schema_history: new -> 1 rows",
                "  new_table: new -> 2 rows",
                "  2 data table(s) with the same row count as before"), lines);
    }

    @Test
    void aRewrittenDumpKeepsTheCommittedFilesModeAndANewOneIs0644(@TempDir Path dir) throws Exception {
        Path committed = dir.resolve("db/app.sql");
        Files.createDirectories(committed.getParent());
        Files.writeString(committed, "old");
        Files.setPosixFilePermissions(committed, PosixFilePermissions.fromString("rw-rw-r--"));
        DumpRefresh.writeAtomically(committed, "new");
        assertEquals("new", Files.readString(committed));
        assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(committed)));

        Path fresh = dir.resolve("pg/app.sql");
        DumpRefresh.writeAtomically(fresh, "text");
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
    }
}
