package io.devstack.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end, as README.md "Convert your repo" tells it: a plain web service with no devstack files
 * ({@code src/it/plain-service}: the JDK's HTTP server, rows from MariaDB over JDBC, Flyway migrations) is converted
 * with the archetype; devstack:dump makes its dump from the migrations, a developer adds rows to it;
 * {@code package devstack:up} builds the image and brings the app up with its database, and the app answers over
 * HTTP with the rows of the dump; devstack:dump refreshes the dump and the CI workflow's check passes;
 * {@code devstack:down -Ddevstack.removeVolumes=true} leaves nothing of the project in the engine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConvertAndRunIT {
    private static final String PROJECT = "dsit-convert";
    private static final String IMAGE = "plain-service:1.0-snapshot";
    private static final String DUMP = "dumps/db/app.sql";
    private static final String DEVELOPER_ROWS = """
            -- development data, added by hand
            INSERT INTO greetings (language, text) VALUES ('en', 'Hello'), ('fr', 'Bonjour'), ('de', 'Guten Tag');
            """;
    private static final List<String> DEVSTACK_FILES = List.of("compose.yaml", ".env", ".dockerignore",
            "src/main/devstack/Dockerfile.ftl", "dumps/README.md", "provision/db/10-users.sql",
            "provision/db/90-seed.always.sql", ".github/workflows/devstack.yml");

    private TestProject project;
    private int appPort;
    private String migratedDump;
    private String dbContainer;
    private String appContainer;

    @BeforeAll
    void layOut() {
        ArchetypeSupport.assertArchetypeStaged();
        DumpSupport.purge(PROJECT);
        DockerCli.tryRun("rmi", IMAGE);
        project = TestProject.of(PROJECT, "plain-service");
        appPort = TestProject.freePort();
        project.env("DEVSTACK_MARIADB_IMAGE", TestProject.MARIADB_IMAGE)
                .env("APP_PORT", String.valueOf(appPort))
                .env("DB_PORT", String.valueOf(TestProject.freePort()));
    }

    @AfterAll
    void cleanUp() {
        DumpSupport.purge(PROJECT);
        DockerCli.tryRun("rmi", IMAGE);
    }

    /** The containers devstack:dump makes for the migrations (the stack's own carry io.devstack.project too). */
    private static List<String> throwawayContainers() {
        return DockerCli.lines(DockerCli.run("ps", "-aq", "--filter", "label=io.devstack.project=" + PROJECT,
                "--filter", "label=io.devstack.role=dump"));
    }

    /** The dump up to its first rows. */
    private static String schemaPart(String dump) {
        return dump.substring(0, dump.indexOf("\nLOCK TABLES "));
    }

    private static void timed(long start, String step) {
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("[ConvertAndRunIT] %s: %.1f s%n", step, ms / 1000.0);
    }

    @Test
    @Order(1)
    void archetypeConvertsThePlainService() {
        for (String file : DEVSTACK_FILES) {
            assertFalse(Files.exists(project.dir.resolve(file)), "no devstack file before: " + file);
        }
        assertFalse(project.read("pom.xml").contains("devstack-maven-plugin"), "the plugin is not declared before");

        long start = System.nanoTime();
        ArchetypeSupport.generate(project, "com.example", "plain-service", "1.0-SNAPSHOT", "com.example.greetings",
                "com.example.greetings.GreetingService", "mariadb").assertSuccess();
        timed(start, "archetype:generate");

        for (String file : DEVSTACK_FILES) {
            assertTrue(Files.isRegularFile(project.dir.resolve(file)), "added: " + file);
        }
        String pom = project.read("pom.xml");
        assertEquals(1, ArchetypeSupport.count(pom, "<artifactId>devstack-maven-plugin</artifactId>"), pom);
        assertTrue(pom.contains("<mainClass>com.example.greetings.GreetingService</mainClass>"), pom);
        assertTrue(pom.contains("<artifactId>flyway-maven-plugin</artifactId>"), "the project's own plugins stay");
        String compose = project.read("compose.yaml");
        assertTrue(compose.contains("image: ${DEVSTACK_APP_IMAGE:-" + IMAGE + "}"), compose);
        assertTrue(compose.contains("DB_URL: jdbc:mariadb://db:3306/app"), compose);
    }

    @Test
    @Order(2)
    void dumpIsMadeFromTheMigrations() {
        long start = System.nanoTime();
        project.mvn("devstack:dump", "-Ddevstack.dump.goals=flyway:migrate", "-Ddevstack.dump.databases=db/app")
                .assertSuccess()
                .assertLogContains("migrations ran against a throwaway db in")
                .assertLogContains("wrote " + DUMP);
        timed(start, "devstack:dump (first dump, from the migrations)");

        migratedDump = project.read(DUMP);
        assertTrue(migratedDump.startsWith("-- devstack dump of MariaDB/MySQL database app; refresh with: mvn devstack:dump\n"
                + "-- migrations: sha256:"), migratedDump);
        assertTrue(migratedDump.contains("CREATE TABLE `greetings`"), migratedDump);
        assertTrue(migratedDump.contains("UNIQUE KEY `greetings_language` (`language`)"), "V2 ran:\n" + migratedDump);
        assertEquals(2, ArchetypeSupport.count(migratedDump, "INSERT INTO `flyway_schema_history` (`installed_rank`, "), migratedDump);
        assertEquals(List.of(), throwawayContainers(), "the throwaway database is gone");
        assertEquals(List.of(), DockerCli.containers(PROJECT), "dump does not start the stack");

        project.file(DUMP, migratedDump + DEVELOPER_ROWS);
    }

    @Test
    @Order(3)
    void upBuildsTheImageStartsTheStackAndTheAppServesTheDumpsRows() {
        long start = System.nanoTime();
        BuildResult up = project.mvn("package", "devstack:up", "-Ddevstack.baseImage=" + TestProject.JRE_IMAGE)
                .assertSuccess()
                .assertLogContains("image " + IMAGE + " built")
                .assertLogContains("network " + PROJECT + "_default created")
                .assertLogContains("service db created and healthy")
                .assertLogContains("loaded " + DUMP + " into app")
                .assertLogContains("provisioned db with provision/db/10-users.sql")
                .assertLogContains("provisioned db with provision/db/90-seed.always.sql")
                .assertLogContains("service app created and healthy")
                .assertLogLacks("is stale");
        timed(start, "package devstack:up");
        assertTrue(up.log().contains("127.0.0.1:" + appPort + "->8080/tcp"), "app published on 127.0.0.1:" + appPort);

        dbContainer = DockerCli.containerOf(PROJECT, "db");
        appContainer = DockerCli.containerOf(PROJECT, "app");
        assertEquals(IMAGE, DockerCli.inspect(appContainer, "{{.Config.Image}}"));
        assertEquals("healthy", DockerCli.inspect(appContainer, "{{.State.Health.Status}}"));
        assertEquals(TestProject.MARIADB_IMAGE, DockerCli.inspect(dbContainer, "{{.Config.Image}}"));

        HttpResponse<String> greetings = Http.get("http://127.0.0.1:" + appPort + "/greetings");
        assertEquals(200, greetings.statusCode(), greetings.body());
        assertEquals("en\tHello\nfr\tBonjour\nde\tGuten Tag\n", greetings.body());
        assertEquals("ok\n", Http.get("http://127.0.0.1:" + appPort + "/health").body());
        assertEquals("1", DockerCli.mariadb(dbContainer, "root",
                "SELECT COUNT(*) FROM mysql.user WHERE user = 'app_ro'"), "10-users.sql made the read-only user");
    }

    @Test
    @Order(4)
    void dumpRefreshesTheDumpAndTheCiCheckPasses() {
        assertNotNull(migratedDump, "needs the dump of the earlier step");
        long start = System.nanoTime();
        project.mvn("devstack:dump", "-Ddevstack.dump.goals=flyway:migrate").assertSuccess()
                .assertLogContains("wrote " + DUMP);
        timed(start, "devstack:dump (refresh)");
        // the schema, the rows of flyway_schema_history, and the rows the committed dump carries: the developer's
        // rows stay (README: "Keeping dumps fresh"), written one INSERT with column names per row
        String refreshed = project.read(DUMP);
        for (String row : List.of("(1,'en','Hello')", "(2,'fr','Bonjour')", "(3,'de','Guten Tag')")) {
            assertEquals(1, ArchetypeSupport.count(refreshed, "INSERT INTO `greetings` (`id`, `language`, `text`) "
                    + "VALUES " + row + ";\n"), row + " in\n" + refreshed);
        }
        assertEquals(schemaPart(migratedDump), schemaPart(refreshed), "the migrations gave the same schema as before");
        assertEquals(migratedDump.lines().filter(l -> l.startsWith("INSERT INTO `flyway_schema_history`")).toList(),
                refreshed.lines().filter(l -> l.startsWith("INSERT INTO `flyway_schema_history`")).toList());
        assertEquals(List.of(), throwawayContainers(), "the throwaway database is gone");
        assertEquals(dbContainer, DockerCli.containerOf(PROJECT, "db"), "the running stack is left alone");
        assertEquals(appContainer, DockerCli.containerOf(PROJECT, "app"));

        start = System.nanoTime();
        String ci = project.read(".github/workflows/devstack.yml");
        assertTrue(ci.contains("run: mvn -B devstack:dump -Ddevstack.dump.check=true"), ci);
        project.mvn("devstack:dump", "-Ddevstack.dump.check=true").assertSuccess()
                .assertLogContains(DUMP + " matches the migrations");
        timed(start, "devstack:dump -Ddevstack.dump.check=true (the CI workflow's step)");
    }

    @Test
    @Order(5)
    void downWithRemoveVolumesLeavesNothingOfTheProject() {
        long start = System.nanoTime();
        project.mvn("devstack:down", "-Ddevstack.removeVolumes=true").assertSuccess()
                .assertLogContains("volume " + PROJECT + "_db-data removed");
        timed(start, "devstack:down -Ddevstack.removeVolumes=true");

        assertEquals(List.of(), DockerCli.containers(PROJECT));
        assertEquals(List.of(), DockerCli.volumes(PROJECT));
        assertEquals(List.of(), DockerCli.networks(PROJECT));
        assertEquals(List.of(), DumpSupport.devstackContainers(PROJECT));
        // by name too, in case something was made without the project's labels
        assertEquals("", DockerCli.run("ps", "-aq", "--filter", "name=" + PROJECT + "-"));
        assertEquals("", DockerCli.run("volume", "ls", "-q", "--filter", "name=" + PROJECT + "_"));
        assertEquals("", DockerCli.run("network", "ls", "-q", "--filter", "name=" + PROJECT + "_"));
    }
}
