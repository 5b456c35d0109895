package io.devstack.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "The result is deterministic — no dump date, server version, sandbox line, AUTO_INCREMENT=N or DEFINER=, LF
 * endings — so git diff shows only real schema change. Its header names the database kind and the digest of every
 * migration file." The migrations (run by {@code <migrationExec>} inside the throwaway MariaDB, where the project is
 * mounted at /project) create tables with AUTO_INCREMENT counters past 1, a view, a trigger and a function, so a raw
 * mariadb-dump would carry every one of those. The same dump is made twice, from scratch, and compared byte for byte.
 */
class DumpDeterminismIT {
    private static final String PROJECT = "dsit-dump-det";
    private static final String DUMP = "dumps/db/app.sql";

    @AfterEach
    void cleanUp() {
        DumpSupport.purge(PROJECT);
    }

    @Test
    void dumpingTwiceGivesTheSameBytesWithoutVolatileParts() throws IOException {
        TestProject project = TestProject.of(PROJECT, "dump-deterministic");
        Path dump = project.dir.resolve(DUMP);

        long start = System.nanoTime();
        project.mvn("devstack:dump", "-Ddevstack.dump.databases=db/app",
                "-Ddevstack.dump.fromScratch=true").assertSuccess()
                .assertLogContains("migrations ran against a throwaway db in")
                .assertLogContains("wrote " + DUMP);
        assertEquals(List.of(), DumpSupport.devstackContainers(PROJECT), "the throwaway database is removed");
        assertEquals(List.of(), DockerCli.volumes(PROJECT), "dump touches no volume of the stack");
        double firstSeconds = (System.nanoTime() - start) / 1e9;
        byte[] firstBytes = DumpSupport.bytes(dump);
        String text = new String(firstBytes, StandardCharsets.UTF_8);

        // the same schema, made again in a new throwaway container from scratch: the same bytes
        Files.delete(dump);
        project.mvn("devstack:dump", "-Ddevstack.dump.databases=db/app", "-Ddevstack.dump.fromScratch=true")
                .assertSuccess().assertLogContains("wrote " + DUMP);
        assertArrayEquals(firstBytes, DumpSupport.bytes(dump), () -> "a second dump from scratch differs:\n"
                + String.join("\n", diff(text, new String(DumpSupport.bytes(dump), StandardCharsets.UTF_8))));

        // the same migrations through a script on this machine (-Ddevstack.dump.script, the connection in its
        // environment): the same bytes again
        String pom = project.read("pom.xml");
        project.file("pom.xml", pom.replaceAll("(?s)\\s*<!--[^>]*-->\\s*<migrationExec>.*?</migrationExec>", ""));
        assertFalse(project.read("pom.xml").contains("migrationExec"));
        Files.delete(dump);
        project.mvn("devstack:dump", "-Ddevstack.dump.databases=db/app", "-Ddevstack.dump.fromScratch=true",
                "-Ddevstack.dump.script=migrate-host.sh").assertSuccess().assertLogContains("wrote " + DUMP);
        List<String> scriptEnv = Files.readAllLines(project.dir.resolve("target/script-env.txt"));
        assertEquals(6, scriptEnv.size(), scriptEnv.toString());
        assertTrue(scriptEnv.get(0).matches("DEVSTACK_DB_HOST=127\\.0\\.0\\.1"), scriptEnv.toString());
        assertEquals("DEVSTACK_DB_NAME=app", scriptEnv.get(1));
        assertEquals("DEVSTACK_DB_PASSWORD=secret", scriptEnv.get(2));
        String port = scriptEnv.get(3).replace("DEVSTACK_DB_PORT=", "");
        assertTrue(port.matches("\\d+"), scriptEnv.toString());
        assertEquals("DEVSTACK_DB_URL=jdbc:mariadb://127.0.0.1:" + port + "/app", scriptEnv.get(4));
        assertEquals("DEVSTACK_DB_USER=root", scriptEnv.get(5));
        assertArrayEquals(firstBytes, DumpSupport.bytes(dump), () -> "the host-script dump differs:\n"
                + String.join("\n", diff(text, new String(DumpSupport.bytes(dump), StandardCharsets.UTF_8))));
        project.file("pom.xml", pom);

        // and from the committed dump (loaded, migrations find nothing to do): unchanged, not rewritten
        project.mvn("devstack:dump").assertSuccess()
                .assertLogContains("loaded " + DUMP + " into app")
                .assertLogContains(DUMP + " is unchanged");
        assertArrayEquals(firstBytes, DumpSupport.bytes(dump));
        project.mvn("devstack:dump", "-Ddevstack.dump.check=true").assertSuccess()
                .assertLogContains(DUMP + " matches the migrations");
        assertArrayEquals(firstBytes, DumpSupport.bytes(dump));

        // a failing migration fails the build with the command's output, and leaves the committed dump as it was
        project.file("src/main/resources/db/migration/V3__broken.sql", "CREATE TABLE broken (id INT PRIMARY KEY);\n"
                + "ALTER TABLE broken ADD COLUMN;\n");
        BuildResult broken = project.mvn("devstack:dump").assertFailure();
        assertTrue(broken.goalError().contains("migration command `sh /project/migrate.sh` failed with exit code 1"),
                broken.goalError());
        broken.assertLogContains("ERROR 1064 (42000) at line 2").assertLogLacks("wrote " + DUMP);
        assertArrayEquals(firstBytes, DumpSupport.bytes(dump), "a failed refresh leaves the dump untouched");
        try (var files = Files.list(dump.getParent())) {
            assertEquals(List.of("app.sql"), files.map(p -> p.getFileName().toString()).toList(),
                    "no temporary file is left beside the dump");
        }
        assertEquals(List.of(), DumpSupport.devstackContainers(PROJECT), "the throwaway database is removed");
        Files.delete(project.dir.resolve("src/main/resources/db/migration/V3__broken.sql"));

        // what is in it
        assertFalse(text.contains("\r"), "LF line endings only");
        assertTrue(text.endsWith("\n"));
        List<String> lines = text.lines().toList();
        assertEquals("-- devstack dump of MariaDB/MySQL database app; refresh with: mvn devstack:dump", lines.get(0));
        assertTrue(lines.get(1).matches("-- migrations: sha256:[0-9a-f]{64} \\(2 files\\)"), lines.get(1));
        String v1 = "src/main/resources/db/migration/V1__orders.sql";
        String v2 = "src/main/resources/db/migration/V2__reporting.sql";
        assertEquals("-- migration " + DumpSupport.sha256(project.dir.resolve(v1)).substring(0, 12) + " " + v1,
                lines.get(2));
        assertEquals("-- migration " + DumpSupport.sha256(project.dir.resolve(v2)).substring(0, 12) + " " + v2,
                lines.get(3));
        for (String volatilePart : List.of("Dump completed", "Server version", "MariaDB dump", "Distrib",
                "enable the sandbox mode", "AUTO_INCREMENT=", "DEFINER=", "Host:")) {
            assertFalse(text.contains(volatilePart), () -> "the dump contains \"" + volatilePart + "\":\n"
                    + lines.stream().filter(l -> l.contains(volatilePart)).findFirst().orElse(""));
        }
        assertFalse(text.matches("(?s).*\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d.*"), "no date or time in the dump");
        // the schema is all there, the view and trigger and function without their definer
        assertTrue(text.contains("CREATE TABLE `customer`"));
        assertTrue(text.contains("CREATE TABLE `orders`"));
        assertTrue(text.contains("CREATE TABLE `order_audit`"));
        assertTrue(text.contains("VIEW `customer_totals` AS select"), "the view");
        assertTrue(text.contains("TRIGGER orders_audit AFTER INSERT ON orders"), "the trigger");
        assertTrue(text.contains("FUNCTION `cents_to_euros`"), "the function (--routines)");
        // the rows the migrations wrote: the trigger's one audit row, not one per order as it would on a reload
        assertEquals(1, DumpSupport.count(text, "INSERT INTO `schema_version` (`script`) VALUES ('V1__orders.sql');"));
        assertEquals(1, DumpSupport.count(text, "INSERT INTO `schema_version` (`script`) VALUES ('V2__reporting.sql');"));
        assertEquals(3, DumpSupport.count(text, "INSERT INTO `customer`"), text);
        assertEquals(5, DumpSupport.count(text, "INSERT INTO `orders`"), text);
        assertEquals(1, DumpSupport.count(text, "INSERT INTO `order_audit`"), text);
        assertTrue(text.indexOf("TRIGGER orders_audit") > text.indexOf("INSERT INTO `orders`"),
                "the trigger comes after the rows, so loading them does not fire it");

        // the dump loads into the real stack, and the raw server output there does carry what was normalised
        project.mvn("devstack:up").assertSuccess().assertLogContains("loaded " + DUMP + " into app");
        String db = DockerCli.containerOf(PROJECT, "db");
        assertEquals("1", DockerCli.mariadb(db, "secret", "SELECT count(*) FROM app.order_audit"),
                "loading the orders fired no trigger");
        DockerCli.mariadb(db, "secret", "INSERT INTO app.customer (name) VALUES ('x'), ('y');"
                + " INSERT INTO app.orders (customer_id, total_cents) SELECT id, 700 FROM app.customer WHERE name = 'x'");
        assertEquals("2", DockerCli.mariadb(db, "secret", "SELECT count(*) FROM app.order_audit"),
                "the trigger from the dump fires");
        assertEquals("x\t700", DockerCli.mariadb(db, "secret", "SELECT name, total_cents FROM app.customer_totals "
                + "WHERE name = 'x'"), "the view from the dump works");
        String raw = DockerCli.run("exec", db, "mariadb-dump", "-uroot", "-psecret", "--skip-comments",
                "--skip-dump-date", "--no-data", "--routines", "--triggers", "app");
        assertTrue(raw.contains("AUTO_INCREMENT="), "raw mariadb-dump output has AUTO_INCREMENT=N (normalised away)");
        assertTrue(raw.contains("DEFINER=`root`@`localhost`"), "raw output has DEFINER= (normalised away)");
        System.out.printf("[DumpDeterminismIT] devstack:dump from scratch (mvn wall time): %.1f s, %d bytes%n",
                firstSeconds, firstBytes.length);
    }

    private static List<String> diff(String a, String b) {
        List<String> x = a.lines().toList();
        List<String> y = b.lines().toList();
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < Math.max(x.size(), y.size()) && out.size() < 20; i++) {
            String l = i < x.size() ? x.get(i) : "<none>";
            String r = i < y.size() ? y.get(i) : "<none>";
            if (!l.equals(r)) {
                out.add((i + 1) + ": - " + l);
                out.add((i + 1) + ": + " + r);
            }
        }
        return out;
    }
}
