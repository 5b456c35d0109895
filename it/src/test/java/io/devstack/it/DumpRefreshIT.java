package io.devstack.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * devstack:dump with Flyway (a Maven goal of the project, {@code <migrationGoals>flyway:migrate}) on MariaDB:
 * "-Ddevstack.dump.check=true writes nothing and fails with a unified diff", devstack:dump refreshes the file, the
 * dump keeps the rows of flyway_schema_history and only the schema of other tables, and up warns in one line when
 * the migration sources no longer match the dump's header.
 */
class DumpRefreshIT {
    /** One row of flyway_schema_history as the dump writes it: column names, then the values. */
    private static final String HISTORY = "INSERT INTO `flyway_schema_history` (`installed_rank`, `version`, "
            + "`description`, `type`, `script`, `checksum`, `installed_by`, `installed_on`, `execution_time`, "
            + "`success`) VALUES ";
    private static final String PROJECT = "dsit-dump-flyway";
    private static final String DUMP = "dumps/db/app.sql";
    private static final String MIGRATIONS = "src/main/resources/db/migration/";

    @AfterEach
    void cleanUp() {
        DumpSupport.purge(PROJECT);
    }

    @Test
    void checkFailsWithADiffDumpRefreshesAndUpWarnsWhenStale() {
        TestProject project = TestProject.of(PROJECT, "dump-flyway");
        Path dump = project.dir.resolve(DUMP);

        project.mvn("devstack:dump", "-Ddevstack.dump.databases=db/app", "-Ddevstack.dump.fromScratch=true")
                .assertSuccess().assertLogContains("migrations ran against a throwaway db in")
                .assertLogContains("wrote " + DUMP).assertLogContains("app.sql: keeps the rows the migrations wrote "
                        + "into product (3) (the history records those migrations as applied");
        String v1Dump = project.read(DUMP);
        assertTrue(v1Dump.contains("CREATE TABLE `product`"), v1Dump);
        assertEquals(1, DumpSupport.count(v1Dump, HISTORY + "(1,'1','products','SQL',"
                + "'V1__products.sql',"), "one history row for V1:\n" + v1Dump);
        assertTrue(v1Dump.contains("INSERT INTO `product` (`id`, `name`, `price_cents`) VALUES (3,'mug',499);\n"),
                "the rows V1 seeds are in the dump, as its history row says V1 ran:\n" + v1Dump);
        assertTrue(v1Dump.contains(",'2000-01-01 00:00:00',0,1);\n"), "when and how fast V1 ran is pinned:\n" + v1Dump);
        assertTrue(v1Dump.startsWith("-- devstack dump of MariaDB/MySQL database app; refresh with: mvn devstack:dump\n"
                + "-- migrations: sha256:"), v1Dump);
        assertTrue(v1Dump.contains("(1 files)\n-- migration " + sha12(project, MIGRATIONS + "V1__products.sql") + " "
                + MIGRATIONS + "V1__products.sql\n"), v1Dump);

        project.mvn("devstack:dump", "-Ddevstack.dump.check=true").assertSuccess()
                .assertLogContains(DUMP + " matches the migrations");

        // a new migration: the check fails with a diff that shows the new table, and writes nothing
        project.file(MIGRATIONS + "V2__categories.sql", """
                CREATE TABLE category (
                  id INT AUTO_INCREMENT PRIMARY KEY,
                  name VARCHAR(100) NOT NULL UNIQUE
                );
                INSERT INTO category (name) VALUES ('kitchen'), ('garden');
                ALTER TABLE product ADD COLUMN category_id INT NULL;
                """);
        byte[] committed = DumpSupport.bytes(dump);
        BuildResult check = project.mvn("devstack:dump", "-Ddevstack.dump.check=true").assertFailure();
        String error = check.goalError();
        assertTrue(error.contains(DUMP + " differs from what the migrations produce:"), error);
        check.assertLogContains("--- " + DUMP + " (committed)").assertLogContains("+++ " + DUMP + " (migrated)")
                .assertLogContains("+CREATE TABLE `category` (")
                .assertLogContains("+  `category_id` int(11) DEFAULT NULL,")
                .assertLogContains("+-- migration " + sha12(project, MIGRATIONS + "V2__categories.sql") + " "
                        + MIGRATIONS + "V2__categories.sql")
                .assertLogContains("run mvn devstack:dump and commit the result");
        assertTrue(check.log().lines().anyMatch(l -> l.matches("\\[ERROR\\]\\s+@@ -\\d+,\\d+ \\+\\d+,\\d+ @@")),
                "the diff has unified hunk headers");
        assertArrayEquals(committed, DumpSupport.bytes(dump), "check writes nothing");
        assertEquals(List.of(), DumpSupport.devstackContainers(PROJECT), "the throwaway database is removed");

        // refresh: the new table is in with the rows V2 seeds, the history has both migrations
        project.mvn("devstack:dump").assertSuccess().assertLogContains("loaded " + DUMP + " into app")
                .assertLogContains("wrote " + DUMP);
        String v2Dump = project.read(DUMP);
        assertTrue(v2Dump.contains("CREATE TABLE `category`"), v2Dump);
        assertTrue(v2Dump.contains("  `category_id` int(11) DEFAULT NULL,"), v2Dump);
        assertTrue(v2Dump.contains("(2 files)\n"), v2Dump);
        String v1History = v1Dump.lines().filter(l -> l.startsWith("INSERT INTO `flyway_schema_history`"))
                .findFirst().orElseThrow();
        assertEquals(1, DumpSupport.count(v2Dump, v1History + "\n"),
                "the V1 history row comes from the committed dump unchanged");
        assertEquals(1, DumpSupport.count(v2Dump, HISTORY + "(2,'2','categories',"
                + "'SQL','V2__categories.sql',"), v2Dump);
        assertEquals(2, DumpSupport.count(v2Dump, "INSERT INTO `flyway_schema_history`"), v2Dump);
        assertEquals(2, DumpSupport.count(v2Dump, "INSERT INTO `category`"), "V2's seed rows are in: " + v2Dump);
        assertEquals(3, DumpSupport.count(v2Dump, "INSERT INTO `product`"), "the committed rows stay: " + v2Dump);
        for (String volatilePart : List.of("AUTO_INCREMENT=", "DEFINER=", "enable the sandbox mode", "Dump completed",
                "\r")) {
            assertFalse(v2Dump.contains(volatilePart), volatilePart);
        }

        project.mvn("devstack:dump", "-Ddevstack.dump.check=true").assertSuccess()
                .assertLogContains(DUMP + " matches the migrations");
        assertEquals(v2Dump, project.read(DUMP));

        // up loads it; no staleness warning while the migrations match the header
        project.mvn("devstack:up").assertSuccess().assertLogContains("loaded " + DUMP + " into app")
                .assertLogLacks("is stale");
        String db = DockerCli.containerOf(PROJECT, "db");
        assertEquals("1\t1\n2\t2", DockerCli.mariadb(db, "secret",
                "SELECT installed_rank, version FROM app.flyway_schema_history ORDER BY installed_rank"));
        assertEquals("2", DockerCli.mariadb(db, "secret", "SELECT count(*) FROM app.category"));

        // a third migration, dump not refreshed: up says so in one line
        project.file(MIGRATIONS + "V3__stock.sql", "ALTER TABLE product ADD COLUMN stock INT NOT NULL DEFAULT 0;\n");
        BuildResult stale = project.mvn("devstack:up").assertSuccess();
        assertEquals(List.of("[WARNING] " + DUMP + " is stale: 1 migration file(s) changed since it was made; "
                + "refresh it with mvn devstack:dump"), stale.linesWith("is stale"), stale::tail);
        stale.assertLogContains("dump " + DUMP + " already loaded into app");

        // with migrateStale, a fresh load of the stale dump is migrated to the current schema (Flyway through the
        // database's published port)
        project.mvn("devstack:up", "-Ddevstack.migrateStale=true").assertSuccess()
                .assertLogContains("-Ddevstack.migrateStale migrates right after a load; db's data was loaded before");
        project.mvn("devstack:down", "-Ddevstack.removeVolumes=true").assertSuccess();
        // no published port: Flyway cannot reach the database; up says so and the dump counts as not loaded
        String noPort = project.mvn("devstack:up", "-Ddevstack.migrateStale=true").assertFailure().goalError();
        assertTrue(noPort.contains("publishes no port for 3306") && noPort.contains("the next up loads it again"),
                noPort);
        project.file("compose.override.yaml", "services:\n  db:\n    ports:\n      - \"127.0.0.1:"
                + TestProject.freePort() + ":3306\"\n");
        BuildResult migrated = project.mvn("devstack:up", "-Ddevstack.migrateStale=true").assertSuccess()
                .assertLogContains("loaded " + DUMP + " into app")
                .assertLogContains("migrated db/app to the current schema after loading the stale " + DUMP + " in ");
        assertEquals(1, migrated.linesWith("is stale").size(), migrated::tail);
        db = DockerCli.containerOf(PROJECT, "db");
        assertEquals("1\t1\n2\t2\n3\t3", DockerCli.mariadb(db, "secret",
                "SELECT installed_rank, version FROM app.flyway_schema_history ORDER BY installed_rank"));
        assertEquals("1", DockerCli.mariadb(db, "secret", "SELECT count(*) FROM information_schema.columns "
                + "WHERE table_schema = 'app' AND table_name = 'product' AND column_name = 'stock'"));
    }

    /**
     * "The result is deterministic … so git diff shows only real schema change": the same migrations dumped twice
     * from scratch must give the same bytes — including the rows of flyway_schema_history.
     */
    @Test
    void dumpFromScratchTwiceGivesTheSameBytes() {
        TestProject project = TestProject.of(PROJECT, "dump-flyway");
        Path dump = project.dir.resolve(DUMP);
        project.mvn("devstack:dump", "-Ddevstack.dump.databases=db/app", "-Ddevstack.dump.fromScratch=true")
                .assertSuccess().assertLogContains("wrote " + DUMP);
        byte[] first = DumpSupport.bytes(dump);
        BuildResult second = project.mvn("devstack:dump", "-Ddevstack.dump.fromScratch=true").assertSuccess();
        byte[] again = DumpSupport.bytes(dump);
        String firstText = new String(first, StandardCharsets.UTF_8);
        String againText = new String(again, StandardCharsets.UTF_8);
        assertTrue(java.util.Arrays.equals(first, again), () -> "a second dump from scratch differs; "
                + "flyway_schema_history rows of the first and second dump:\n  "
                + String.join("\n  ", firstText.lines().filter(l -> l.startsWith("INSERT INTO `flyway_schema_history`")).toList())
                + "\n  " + String.join("\n  ", againText.lines().filter(l -> l.startsWith("INSERT INTO `flyway_schema_history`"))
                .toList()));
        second.assertLogContains(DUMP + " is unchanged");
    }

    private static String sha12(TestProject project, String relative) {
        return DumpSupport.sha256(project.dir.resolve(relative)).substring(0, 12);
    }
}
