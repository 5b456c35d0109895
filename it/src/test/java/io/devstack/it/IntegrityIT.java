package io.devstack.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "devstack never loses or misrepresents the data a team trusted it with", on MariaDB and PostgreSQL side by side,
 * with dumps shaped like a Django application's (fixtures/: a 130-row migration history, seed tables with foreign
 * keys, 13 empty tables; written by the databases' own dump tools): devstack:dump keeps every row and is byte-stable,
 * inserts work after loading the refreshed dump, a broken reload leaves the data as it was and status says so, a
 * reload reruns the provision scripts, and an interrupted reset leaves the database running and no helper behind.
 */
class IntegrityIT {
    private static final String PROJECT = "dsit-integrity";
    private static final String DB_DUMP = "dumps/db/app.sql";
    private static final String PG_DUMP = "dumps/pg/app.sql";
    /** The fixtures' tables with rows, and how many. */
    private static final Map<String, Integer> SEEDED = new LinkedHashMap<>();

    static {
        SEEDED.put("auth_group", 2);
        SEEDED.put("auth_group_permissions", 6);
        SEEDED.put("auth_permission", 160);
        SEEDED.put("catalog_category", 3);
        SEEDED.put("catalog_product", 7);
        SEEDED.put("django_content_type", 40);
        SEEDED.put("django_migrations", 130);
        SEEDED.put("django_site", 1);
        SEEDED.put("oauth2_provider_application", 2);
        SEEDED.put("waffle_flag", 5);
        SEEDED.put("waffle_switch", 3);
    }

    @AfterEach
    void cleanUp() {
        DumpSupport.purge(PROJECT);
    }

    private static TestProject djangoProject() {
        TestProject project = TestProject.of(PROJECT, "integrity");
        project.file(DB_DUMP, project.read("fixtures/django-mariadb.sql"));
        project.file(PG_DUMP, project.read("fixtures/django-postgres.sql"));
        return project;
    }

    @Test
    void dumpKeepsEveryCommittedRowIsByteStableAndTheReloadedRowsTakeInserts() throws IOException {
        TestProject project = djangoProject();
        Path dbDump = project.dir.resolve(DB_DUMP);
        Files.setPosixFilePermissions(dbDump, PosixFilePermissions.fromString("rw-rw-r--"));

        BuildResult dump = project.mvn("devstack:dump").assertSuccess()
                .assertLogContains("wrote " + DB_DUMP).assertLogContains("wrote " + PG_DUMP)
                .assertLogContains(DB_DUMP + ": 24 tables; rows of 11 data table(s): 359")
                .assertLogContains(PG_DUMP + ": 24 tables; rows of 11 data table(s): 359");
        assertEquals(2, dump.linesWith("11 data table(s) with the same row count as before").size(), dump::tail);
        String db = project.read(DB_DUMP);
        String pg = project.read(PG_DUMP);
        SEEDED.forEach((table, rows) -> {
            assertEquals((long) rows, DumpSupport.count(db, "\nINSERT INTO `" + table + "` ("), table + " in " + DB_DUMP);
            assertEquals((long) rows, DumpSupport.count(pg, "\nINSERT INTO public." + table + " ("), table + " in " + PG_DUMP);
        });
        assertFalse(db.contains("AUTO_INCREMENT="), "no counters in the text");
        assertTrue(pg.contains("SELECT pg_catalog.setval('public.catalog_product_id_seq', 7, true);"),
                "sequences follow the rows (the committed dump said 9: two products had been deleted)");
        assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(dbDump)),
                "the committed file's mode is kept");
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                project.dir.resolve(PG_DUMP))));

        byte[] dbBytes = DumpSupport.bytes(dbDump);
        byte[] pgBytes = DumpSupport.bytes(project.dir.resolve(PG_DUMP));
        project.mvn("devstack:dump").assertSuccess().assertLogContains(DB_DUMP + " is unchanged")
                .assertLogContains(PG_DUMP + " is unchanged");
        assertArrayEquals(dbBytes, DumpSupport.bytes(dbDump), "a second run gives the same bytes");
        assertArrayEquals(pgBytes, DumpSupport.bytes(project.dir.resolve(PG_DUMP)));
        project.mvn("devstack:dump", "-Ddevstack.dump.check=true").assertSuccess()
                .assertLogContains(DB_DUMP + " matches the migrations");

        // the refreshed dumps load, and every table keyed by a counter takes a new row with a fresh key
        project.mvn("devstack:up").assertSuccess().assertLogContains("loaded " + DB_DUMP + " into app")
                .assertLogContains("loaded " + PG_DUMP + " into app");
        String dbc = DockerCli.containerOf(PROJECT, "db");
        String pgc = DockerCli.containerOf(PROJECT, "pg");
        SEEDED.forEach((table, rows) -> {
            assertEquals(String.valueOf(rows), DockerCli.mariadb(dbc, "secret", "SELECT count(*) FROM app." + table));
            assertEquals(String.valueOf(rows), DockerCli.psql(pgc, "app", "app", "SELECT count(*) FROM " + table));
        });
        assertEquals("", DockerCli.mariadb(dbc, "secret", "SELECT t.table_name FROM information_schema.tables t "
                + "JOIN information_schema.columns c ON c.table_schema = t.table_schema AND c.table_name = t.table_name "
                + "AND c.extra LIKE '%auto_increment%' WHERE t.table_schema = 'app' AND t.table_rows > 0 "
                + "AND t.auto_increment IS NULL"), "every AUTO_INCREMENT table has its counter");
        assertEquals("131", DockerCli.mariadb(dbc, "secret", "INSERT INTO app.django_migrations (app, name, applied) "
                + "VALUES ('catalog', '0009_new', NOW()); SELECT LAST_INSERT_ID()"));
        assertEquals("8", DockerCli.mariadb(dbc, "secret", "INSERT INTO app.catalog_product (name, slug, description, "
                + "price, is_active, created_at, category_id) VALUES ('New', 'new', '', 1, 1, NOW(), 1); "
                + "SELECT LAST_INSERT_ID()"));
        // PostgreSQL: each sequence owned by a column continues after that column's highest value
        String behind = DockerCli.psql(pgc, "app", "app", """
                DO $$ DECLARE r record; m bigint; v bigint; behind text := ''; BEGIN
                FOR r IN SELECT s.oid::regclass AS seq, t.oid::regclass AS tbl, a.attname AS col FROM pg_class s
                  JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
                  JOIN pg_class t ON t.oid = d.refobjid JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
                  WHERE s.relkind = 'S' LOOP
                  EXECUTE format('SELECT max(%I) FROM %s', r.col, r.tbl) INTO m;
                  EXECUTE format('SELECT last_value FROM %s', r.seq) INTO v;
                  IF m IS NOT NULL AND v < m THEN behind := behind || r.seq || ' '; END IF;
                END LOOP;
                IF behind <> '' THEN RAISE EXCEPTION 'sequences behind their rows: %', behind; END IF; END $$;
                SELECT 'checked'""");
        assertEquals("checked", behind.strip());
        assertEquals("131", DockerCli.psql(pgc, "app", "app", "INSERT INTO django_migrations (app, name, applied) "
                + "VALUES ('catalog', '0009_new', now()) RETURNING id").lines().findFirst().orElse(""));
        assertEquals("8", DockerCli.psql(pgc, "app", "app", "INSERT INTO catalog_product (name, slug, description, "
                + "price, is_active, created_at, category_id) VALUES ('New', 'new', '', 1, true, now(), 1) RETURNING id")
                .lines().findFirst().orElse(""));
    }

    @Test
    void aBrokenReloadKeepsTheDataStatusSaysFailedAndAGoodReloadRerunsProvisioning() throws IOException {
        TestProject project = djangoProject();
        // run-once scripts whose work lives inside the database a reload drops
        project.file("provision/db/10-switch.sql", "INSERT INTO app.waffle_switch (name, active, note, created, "
                + "modified) VALUES ('provisioned', 1, '', NOW(), NOW());\n");
        project.file("provision/pg/10-reader.sql", "DO $$ BEGIN CREATE ROLE reader LOGIN PASSWORD 'reader'; "
                + "EXCEPTION WHEN duplicate_object THEN NULL; END $$;\nGRANT SELECT ON public.catalog_product TO reader;\n");
        project.mvn("devstack:up").assertSuccess().assertLogContains("provisioned db with provision/db/10-switch.sql")
                .assertLogContains("provisioned pg with provision/pg/10-reader.sql");
        String dbc = DockerCli.containerOf(PROJECT, "db");
        String pgc = DockerCli.containerOf(PROJECT, "pg");
        String mine = "INSERT INTO catalog_category (name, slug, created_at) VALUES ('mine', 'mine', now())";
        DockerCli.mariadb(dbc, "secret", "USE app; " + mine);
        DockerCli.psql(pgc, "app", "app", mine);

        // a dump that fails half way: rows before the error would stay in MariaDB, PostgreSQL would be left empty
        append(project.dir.resolve(DB_DUMP), "INSERT INTO `catalog_category` VALUES (50,'half','half',NOW());\n"
                + "INSERT INTO no_such_table VALUES (1);\n");
        append(project.dir.resolve(PG_DUMP), "INSERT INTO public.catalog_category (id, name, slug, created_at) VALUES "
                + "(50, 'half', 'half', now());\nINSERT INTO no_such_table VALUES (1);\n");
        int dbLine = (int) project.read(DB_DUMP).lines().count();
        int pgLine = (int) project.read(PG_DUMP).lines().count();
        BuildResult broken = project.mvn("devstack:up", "-Ddevstack.reload=true").assertFailure()
                .assertLogContains("kept a copy of db's data (to undo a failed load)")
                .assertLogContains("restored db's data from before the reload");
        String error = broken.goalError();
        assertTrue(error.contains(DB_DUMP + " line " + dbLine + ": ERROR 1146") || error.contains(PG_DUMP + " line "
                + pgLine + ": ERROR:"), error);
        assertTrue(error.contains("is put back as it was before it (your data is kept)"), error);
        assertEquals("mine", DockerCli.mariadb(dbc, "secret", "SELECT name FROM app.catalog_category WHERE slug = 'mine'"));
        assertEquals("mine", DockerCli.psql(pgc, "app", "app", "SELECT name FROM catalog_category WHERE slug = 'mine'"));
        assertEquals("0", DockerCli.mariadb(dbc, "secret", "SELECT count(*) FROM app.catalog_category WHERE id = 50"));
        assertEquals("0", DockerCli.psql(pgc, "app", "app", "SELECT count(*) FROM catalog_category WHERE id = 50"));
        assertEquals("healthy", DockerCli.inspect(dbc, "{{.State.Health.Status}}"));
        assertFalse(DockerCli.volumes(PROJECT).stream().anyMatch(v -> v.endsWith("_devstack-backup")),
                "the copy is removed once put back: " + DockerCli.volumes(PROJECT));

        BuildResult status = project.mvn("devstack:status").assertSuccess();
        List<String> dbRow = status.linesWith(DB_DUMP + "  db/app");
        assertEquals(1, dbRow.size(), status::tail);
        assertTrue(dbRow.get(0).contains("failed: " + DB_DUMP + " line " + dbLine + ": ERROR 1146")
                && dbRow.get(0).contains("(the data from before is kept)"), dbRow.get(0));
        List<String> pgRow = status.linesWith(PG_DUMP + "  pg/app");
        assertTrue(pgRow.get(0).contains("failed: " + PG_DUMP + " line " + pgLine + ": ERROR:"), pgRow.get(0));
        project.mvn("devstack:up").assertSuccess().assertLogContains("[WARNING] " + DB_DUMP + " is not loaded: its "
                + "last load failed (" + DB_DUMP + " line " + dbLine + ": ERROR 1146");

        // fixed: the reload replaces the data, and the provision scripts run again in the reloaded databases
        project.file(DB_DUMP, project.read("fixtures/django-mariadb.sql")
                + "INSERT INTO `catalog_category` VALUES (50,'fixed','fixed',NOW());\n");
        project.file(PG_DUMP, project.read("fixtures/django-postgres.sql")
                + "INSERT INTO public.catalog_category (id, name, slug, created_at) VALUES (50, 'fixed', 'fixed', "
                + "now());\n");
        project.mvn("devstack:up", "-Ddevstack.reload=true").assertSuccess()
                .assertLogContains("loaded " + DB_DUMP + " into app").assertLogContains("loaded " + PG_DUMP + " into app")
                .assertLogContains("provisioned db with provision/db/10-switch.sql")
                .assertLogContains("provisioned pg with provision/pg/10-reader.sql");
        assertEquals("fixed", DockerCli.mariadb(dbc, "secret", "SELECT name FROM app.catalog_category WHERE id = 50"));
        assertEquals("0", DockerCli.mariadb(dbc, "secret", "SELECT count(*) FROM app.catalog_category WHERE slug = 'mine'"));
        assertEquals("1", DockerCli.mariadb(dbc, "secret", "SELECT count(*) FROM app.waffle_switch "
                + "WHERE name = 'provisioned'"), "the run-once script ran again after the reload");
        assertEquals("t", DockerCli.psql(pgc, "app", "app",
                "SELECT has_table_privilege('reader', 'public.catalog_product', 'SELECT')"), "the grant is back");
        BuildResult after = project.mvn("devstack:status").assertSuccess();
        assertTrue(after.linesWith(DB_DUMP + "  db/app").get(0).endsWith("  loaded"), after::tail);
        assertTrue(after.linesWith(PG_DUMP + "  pg/app").get(0).endsWith("  loaded"), after::tail);
    }

    @Test
    void anInterruptedResetLeavesTheDatabaseRunningAndNoHelper() {
        TestProject project = djangoProject();
        project.file(PG_DUMP, "CREATE TABLE t (id int);\n"); // only db matters here
        project.mvn("devstack:up").assertSuccess().assertLogContains("snapshot of db's freshly loaded data taken in");
        String dbc = DockerCli.containerOf(PROJECT, "db");

        // Ctrl-C while the snapshot is copied back: the copy finishes, its helper goes, the server runs again
        MavenProcess reset = project.start("reset-term.log", "devstack:reset", "-Ddevstack.services=db");
        awaitHelper(reset);
        reset.signal("TERM");
        BuildResult stopped = reset.await(Duration.ofMinutes(2));
        assertTrue(stopped.log().contains("resetting db from its snapshot was interrupted: the copy was let finish, "
                + "its helper container removed, and db was started again"), stopped::tail);
        assertEquals(List.of(), helpers(), "no helper container is left");
        assertEquals("running", DockerCli.inspect(dbc, "{{.State.Status}}"));
        awaitHealthy(dbc); // started again, not yet ready: the build exits once the server process runs
        assertEquals("130", DockerCli.mariadb(dbc, "secret", "SELECT count(*) FROM app.django_migrations"));

        // killed outright: nothing of devstack runs any more; the next up removes the helper and starts the server
        MavenProcess killed = project.start("reset-kill.log", "devstack:reset", "-Ddevstack.services=db");
        awaitHelper(killed);
        killed.signal("KILL");
        killed.await(Duration.ofMinutes(1));
        project.mvn("devstack:up").assertSuccess()
                .assertLogContains("removed 1 helper container(s) an interrupted devstack run left behind");
        assertEquals(List.of(), helpers());
        assertEquals("running", DockerCli.inspect(dbc, "{{.State.Status}}"));
        assertEquals("130", DockerCli.mariadb(dbc, "secret", "SELECT count(*) FROM app.django_migrations"));
    }

    private static List<String> helpers() {
        return DockerCli.lines(DockerCli.run("ps", "-aq", "--filter", "label=io.devstack.project=" + PROJECT,
                "--filter", "label=io.devstack.role"));
    }

    private static void awaitHealthy(String container) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!"healthy".equals(DockerCli.inspect(container, "{{.State.Health.Status}}").strip())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(container + " is not healthy a minute after it was started again");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Waits until the reset's copy container exists, so the signal lands while the server is stopped. */
    private static void awaitHelper(MavenProcess build) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (helpers().isEmpty()) {
            if (System.nanoTime() > deadline || !build.process.isAlive()) {
                build.kill();
                throw new AssertionError("the reset never ran a copy container:\n" + build.log());
            }
        }
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardOpenOption.APPEND);
    }
}
