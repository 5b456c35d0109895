package io.devstack.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * devstack-archetype converting an ordinary Maven project ({@code src/it/archetype-project}: a pom with a
 * dependency, maven-compiler-plugin with a release and maven-surefire-plugin with configuration):
 * <ul>
 *   <li>for each database (mariadb, mysql, postgres, none) every file it adds or changes equals, byte for byte, the
 *       reference tree in {@code src/it/archetype-<database>/reference/}, and the project's own files are untouched;
 *   <li>the merged pom keeps the original plugins as written and gains the devstack plugin with {@code <mainClass>};
 *   <li>compose.yaml, .env, .dockerignore and Dockerfile.ftl that exist already are kept (and a hand-written
 *       Dockerfile is left alone), devstack's versions land beside them as
 *       {@code <name>.devstack}, and the output says so;
 *   <li>a second run succeeds and changes nothing the first one made;
 *   <li>and, each in its own test: a second run writes no {@code .devstack} copy of a file identical to it,
 *       {@code -DjavaVersion} reaches the image's JRE, and a pom with CRLF line endings and tabs keeps its style.
 * </ul>
 * To review a change of the templates, generate into a scratch copy of archetype-project and diff it with the
 * reference; the project of a failed test stays in {@code target/it/dsit-archetype-*}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchetypeIT {
    private static final String GROUP_ID = "com.example.orders";
    private static final String ARTIFACT_ID = "order-service";
    private static final String PROJECT_VERSION = "2.3.0-SNAPSHOT";
    private static final String PACKAGE = "com.example.orders";
    private static final String MAIN_CLASS = "com.example.orders.OrderService";
    private static final String INPUT = "archetype-project";
    private static final List<String> EXISTING = List.of("compose.yaml", ".env", ".dockerignore",
            "src/main/devstack/Dockerfile.ftl");

    private Map<String, byte[]> afterFirstRun;
    private TestProject twice;
    private BuildResult secondRun;

    @BeforeAll
    void archetypeIsStaged() {
        ArchetypeSupport.assertArchetypeStaged();
    }

    private static BuildResult generate(TestProject project, String database, String... more) {
        return ArchetypeSupport.generate(project, GROUP_ID, ARTIFACT_ID, PROJECT_VERSION, PACKAGE, MAIN_CLASS, database,
                more);
    }

    private static Map<String, byte[]> reference(String database) {
        return ArchetypeSupport.itTree("archetype-" + database + "/reference");
    }

    /** What the project should hold after a first run: its own files, with the pom and the additions of the reference. */
    private static Map<String, byte[]> expectedAfterFirstRun(String database) {
        Map<String, byte[]> expected = new TreeMap<>(ArchetypeSupport.itTree(INPUT));
        expected.putAll(reference(database));
        return expected;
    }

    @ParameterizedTest(name = "database={0}")
    @ValueSource(strings = {"mariadb", "mysql", "postgres", "none"})
    void generatesTheReferenceTree(String database) {
        TestProject project = TestProject.of("dsit-archetype-" + database, INPUT);
        BuildResult build = generate(project, database).assertSuccess();

        assertAll(
                () -> ArchetypeSupport.assertSameTree(expectedAfterFirstRun(database),
                        ArchetypeSupport.tree(project.dir), project.dir.toString()),
                () -> assertFalse(Files.exists(project.dir.resolve("devstack-staging")),
                        "the staging directory is removed"),
                () -> assertEquals(!database.equals("none"), Files.isDirectory(project.dir.resolve("dumps/db")),
                        "dumps/db/ exists exactly when there is a database"),
                () -> {
                    String added = build.linesWith("[devstack] added:").stream().findFirst()
                            .orElseThrow(() -> new AssertionError("no \"[devstack] added:\" line, see " + build.logFile()));
                    for (String file : reference(database).keySet()) {
                        if (!file.equals("pom.xml")) {
                            assertTrue(added.contains(file), () -> "the output names " + file + " as added: " + added);
                        }
                    }
                },
                () -> {
                    if (database.equals("none")) {
                        assertEquals(List.of(), build.linesWith("[devstack]").stream().filter(l -> l.contains("dumps"))
                                .toList(), "without a database the output has nothing to say about dumps");
                    }
                });
    }

    @Test
    void mergedPomKeepsTheProjectsPluginsAndGainsTheDevstackPlugin() {
        String original = new String(ArchetypeSupport.itTree(INPUT).get("pom.xml"), StandardCharsets.UTF_8);
        TestProject project = TestProject.of("dsit-archetype-pom", INPUT);
        generate(project, "mariadb").assertSuccess()
                .assertLogContains("[devstack] added the devstack plugin to pom.xml (<mainClass>" + MAIN_CLASS
                        + "</mainClass>)");
        String merged = project.read("pom.xml");

        List<String> originalPlugins = ArchetypeSupport.pluginBlocks(original);
        assertEquals(2, originalPlugins.size(), "compiler and surefire in the input");
        List<String> mergedPlugins = ArchetypeSupport.pluginBlocks(merged);
        assertEquals(3, mergedPlugins.size(), merged);
        assertEquals(originalPlugins, mergedPlugins.subList(0, 2), "the project's plugins, as written, in order");
        assertTrue(merged.contains("<release>17</release>") && merged.contains("<excludedGroups>slow</excludedGroups>"));
        String dependencies = original.substring(original.indexOf("  <dependencies>"),
                original.indexOf("</dependencies>") + "</dependencies>".length());
        assertTrue(merged.contains(dependencies), "dependencies as written:\n" + merged);

        assertEquals("""
                      <plugin>
                        <groupId>io.devstack</groupId>
                        <artifactId>devstack-maven-plugin</artifactId>
                        <version>%s</version>
                        <configuration>
                          <mainClass>%s</mainClass>
                        </configuration>
                      </plugin>
                """.formatted(ArchetypeSupport.VERSION, MAIN_CLASS).stripTrailing(), mergedPlugins.get(2),
                "the devstack plugin, last, in the pom's indentation");
    }

    @Test
    void aSpringBootProjectGetsTheVariablesItReadsItsSqlInitOffAndActuatorReadiness() {
        TestProject project = TestProject.of("dsit-archetype-spring", INPUT);
        project.file("pom.xml", project.read("pom.xml").replaceFirst("<dependencies>", "<dependencies>\n"
                + "    <dependency><groupId>org.springframework.boot</groupId>"
                + "<artifactId>spring-boot-starter-actuator</artifactId><version>4.0.0</version></dependency>"));
        BuildResult build = generate(project, "postgres").assertSuccess();
        String compose = project.read("compose.yaml");
        assertTrue(compose.contains("      SERVER_PORT: \"8080\"\n"), compose);
        assertTrue(compose.contains("      SPRING_DATASOURCE_URL: jdbc:postgresql://db:5432/"), compose);
        assertTrue(compose.contains("      SPRING_DATASOURCE_USERNAME: "), compose);
        assertTrue(compose.contains("      SPRING_SQL_INIT_MODE: never\n"), compose);
        assertTrue(compose.contains("printf 'GET /actuator/health HTTP/1.0\\\\r\\\\n\\\\r\\\\n' >&3 && head -1 <&3 "
                + "| grep -q ' 200 '\"]"), compose);
        assertFalse(compose.contains("DB_URL"), compose);
        build.assertLogContains("[devstack] Spring Boot project: the app gets SERVER_PORT, SPRING_DATASOURCE_URL/"
                + "USERNAME/PASSWORD and SPRING_SQL_INIT_MODE=never (the dump is the data); readiness is GET "
                + "/actuator/health");
        // a second run finds devstack's files as it writes them: nothing kept aside
        generate(project, "postgres").assertSuccess().assertLogLacks("compose.yaml.devstack");
    }

    /**
     * Without -Ddatabase the project's JDBC driver chooses, and the files are byte for byte those of that database
     * given explicitly; a driver in test scope (Testcontainers' postgresql module, say) does not count.
     */
    @ParameterizedTest(name = "driver={0}")
    @ValueSource(strings = {"org.postgresql:postgresql=postgres", "com.mysql:mysql-connector-j=mysql",
            "org.mariadb.jdbc:mariadb-java-client=mariadb", "org.testcontainers:postgresql=mariadb"})
    void withoutADatabaseGivenTheJdbcDriverChoosesIt(String driverAndDatabase) {
        String[] coordinates = driverAndDatabase.split("[:=]");
        String database = coordinates[2];
        TestProject project = TestProject.of("dsit-archetype-driver-" + coordinates[1], INPUT);
        project.file("pom.xml", project.read("pom.xml").replaceFirst("<dependencies>", "<dependencies>\n"
                + "    <dependency><groupId>" + coordinates[0] + "</groupId><artifactId>" + coordinates[1]
                + "</artifactId><version>1.0</version>" + (coordinates[0].equals("org.testcontainers")
                ? "<scope>test</scope>" : "<scope>runtime</scope>") + "</dependency>"));
        BuildResult build = generate(project, null).assertSuccess();
        Map<String, byte[]> expected = new TreeMap<>(reference(database));
        expected.remove("pom.xml");
        Map<String, byte[]> actual = ArchetypeSupport.tree(project.dir);
        actual.keySet().retainAll(expected.keySet());
        ArchetypeSupport.assertSameTree(expected, actual, "the files of -Ddatabase=" + database);
        build.assertLogContains(coordinates[0].equals("org.testcontainers")
                ? "[devstack] no JDBC driver in pom.xml: the stack gets a MariaDB database; pass -Ddatabase="
                : "[devstack] database: " + database + ", from the JDBC driver in pom.xml; pass -Ddatabase=");
    }

    /** Spring's per-platform init scripts (a schema-locations layout) build the dump from scratch, no POM edit. */
    @Test
    void platformInitScriptsOfTheChosenDatabaseBecomeTheMigrationSql() {
        TestProject project = TestProject.of("dsit-archetype-platform-sql", INPUT);
        project.file("src/main/resources/db/postgresql/schema.sql", "CREATE TABLE t (id int);\n");
        project.file("src/main/resources/db/postgresql/data.sql", "INSERT INTO t VALUES (1);\n");
        project.file("src/main/resources/db/mysql/schema.sql", "CREATE TABLE t (id int);\n");
        generate(project, "postgres").assertSuccess().assertLogContains("[devstack] next: make the first dump, dumps/db/app.sql, "
                + "with mvn devstack:dump (dumps/README.md says how)");
        assertTrue(project.read("pom.xml").contains("<migrationSql>src/main/resources/db/postgresql/schema.sql,"
                + "src/main/resources/db/postgresql/data.sql</migrationSql>"), project.read("pom.xml"));

        TestProject mariadb = TestProject.of("dsit-archetype-platform-sql-mariadb", INPUT);
        mariadb.file("src/main/resources/schema-mysql.sql", "CREATE TABLE t (id int);\n");
        generate(mariadb, "mariadb").assertSuccess();
        assertTrue(mariadb.read("pom.xml").contains("<migrationSql>src/main/resources/schema-mysql.sql</migrationSql>"),
                "MariaDB takes MySQL's scripts when it has none of its own");
    }

    @Test
    void aFlywayPluginBecomesTheMigrationGoalAndFlywayAloneGetsAHint() {
        TestProject withPlugin = TestProject.of("dsit-archetype-flyway", INPUT);
        withPlugin.file("pom.xml", withPlugin.read("pom.xml").replaceFirst("<plugins>", "<plugins>\n      <plugin>"
                + "<groupId>org.flywaydb</groupId><artifactId>flyway-maven-plugin</artifactId>"
                + "<version>10.22.0</version></plugin>"));
        generate(withPlugin, "postgres").assertSuccess();
        assertTrue(withPlugin.read("pom.xml").contains("<migrationGoals>flyway:migrate</migrationGoals>"));

        TestProject libraryOnly = TestProject.of("dsit-archetype-flyway-core", INPUT);
        libraryOnly.file("pom.xml", libraryOnly.read("pom.xml").replaceFirst("<dependencies>", "<dependencies>\n"
                + "    <dependency><groupId>org.flywaydb</groupId><artifactId>flyway-core</artifactId>"
                + "<version>10.22.0</version></dependency>"));
        generate(libraryOnly, "postgres").assertSuccess().assertLogContains("[devstack] Flyway migrations: so that "
                + "devstack:dump can build the dump from them, declare flyway-maven-plugin in the pom and set "
                + "<migrationGoals>flyway:migrate</migrationGoals>");
        assertFalse(libraryOnly.read("pom.xml").contains("<migrationGoals>"));
    }

    @Test
    void anExistingDockerComposeYmlStaysTheComposeFileAndDevstacksServicesGoBesideIt() throws Exception {
        TestProject project = TestProject.of("dsit-archetype-dockercompose", INPUT);
        String own = "services:\n  cache:\n    image: redis:7\n";
        project.file("docker-compose.yml", own);
        BuildResult build = generate(project, "mariadb").assertSuccess();
        assertFalse(java.nio.file.Files.exists(project.dir.resolve("compose.yaml")),
                "no second root compose file for up to pick silently");
        assertEquals(own, project.read("docker-compose.yml"), "the project's own compose file is untouched");
        assertArrayEquals(reference("mariadb").get("compose.yaml"),
                java.nio.file.Files.readAllBytes(project.dir.resolve("compose.yaml.devstack")));
        assertEquals(1, build.linesWith("[devstack] your docker-compose.yml stays the compose file devstack reads")
                .size(), () -> String.join("\n", build.linesWith("[devstack]")));
    }

    @Test
    void existingComposeEnvDockerignoreTemplateAndDockerfileAreKept() {
        TestProject project = TestProject.of("dsit-archetype-existing", INPUT);
        ArchetypeSupport.overlay(project, "archetype-existing");
        Map<String, byte[]> before = ArchetypeSupport.tree(project.dir);
        BuildResult build = generate(project, "mariadb").assertSuccess();

        // the three files as they were, devstack's versions beside them; everything else as in a fresh project
        // (whose bytes generatesTheReferenceTree checks)
        Map<String, byte[]> after = ArchetypeSupport.tree(project.dir);
        Map<String, byte[]> reference = reference("mariadb");
        Set<String> expectedNames = new TreeSet<>(expectedAfterFirstRun("mariadb").keySet());
        for (String file : EXISTING) {
            expectedNames.add(file + ".devstack");
        }
        expectedNames.add("Dockerfile"); // the project's own, which devstack does not write at all
        assertEquals(expectedNames, after.keySet(), "the files in " + project.dir);
        assertArrayEquals(before.get("Dockerfile"), after.get("Dockerfile"), "the hand-written Dockerfile is untouched");
        for (String file : EXISTING) {
            assertArrayEquals(before.get(file), after.get(file), file + " is kept byte for byte");
            assertArrayEquals(reference.get(file), after.get(file + ".devstack"), () -> file + ".devstack is devstack's "
                    + file + ": " + ArchetypeSupport.difference(reference.get(file), after.get(file + ".devstack")));
        }

        for (String file : EXISTING) {
            List<String> says = build.linesWith("[devstack]").stream()
                    .filter(l -> l.contains(file + " (") && l.contains(file + ".devstack")).toList();
            assertEquals(1, says.size(), () -> "one output line says " + file + " was kept and where devstack's "
                    + "version went, see " + build.logFile() + "\n" + String.join("\n", build.linesWith("[devstack]")));
        }
        String added = build.linesWith("[devstack] added:").get(0);
        for (String file : EXISTING) {
            assertFalse(List.of(added.substring(added.indexOf(':') + 1).trim().split(",\\s*")).contains(file),
                    () -> file + " is not reported as added: " + added);
        }
    }

    /** The project after two runs of the archetype; both runs happen once, for the two tests that look at them. */
    private TestProject generatedTwice() {
        if (twice == null) {
            twice = TestProject.of("dsit-archetype-twice", INPUT);
            generate(twice, "postgres").assertSuccess();
            afterFirstRun = ArchetypeSupport.tree(twice.dir);
            secondRun = generate(twice, "postgres");
        }
        return twice;
    }

    @Test
    void secondRunSucceedsAndChangesNoFileOfTheFirst() {
        TestProject project = generatedTwice();
        secondRun.assertSuccess();
        Map<String, byte[]> now = ArchetypeSupport.tree(project.dir);
        for (Map.Entry<String, byte[]> file : afterFirstRun.entrySet()) {
            assertTrue(now.containsKey(file.getKey()), file.getKey() + " still there");
            assertArrayEquals(file.getValue(), now.get(file.getKey()), () -> file.getKey() + " changed by the second run: "
                    + ArchetypeSupport.difference(file.getValue(), now.get(file.getKey())));
        }
        String pom = project.read("pom.xml");
        assertEquals(1, ArchetypeSupport.count(pom, "<artifactId>devstack-maven-plugin</artifactId>"), pom);
        assertEquals(1, ArchetypeSupport.count(pom, "<mainClass>"), pom);
        List<String> newFiles = now.keySet().stream().filter(f -> !afterFirstRun.containsKey(f)).toList();
        for (String file : newFiles) {
            assertTrue(file.endsWith(".devstack") && afterFirstRun.containsKey(file.substring(0, file.length() - 9)),
                    () -> "the second run adds nothing but devstack's versions beside existing files: " + newFiles);
        }
    }

    /**
     * README: "Running the archetype twice does no harm." A second run finds the files of the first, identical to
     * what it would write, yet writes a copy of each as {@code <name>.devstack} and tells the user to merge by hand.
     */
    @Test
    void secondRunWritesNoDevstackCopiesOfFilesIdenticalToItsOwn() {
        TestProject project = generatedTwice();
        secondRun.assertSuccess();
        Map<String, byte[]> now = ArchetypeSupport.tree(project.dir);
        Map<String, String> identicalCopies = new TreeMap<>();
        for (String file : now.keySet()) {
            String original = file.endsWith(".devstack") ? file.substring(0, file.length() - 9) : null;
            if (original != null && now.containsKey(original) && Arrays.equals(now.get(file), now.get(original))) {
                identicalCopies.put(file, original);
            }
        }
        assertEquals(Map.of(), identicalCopies, "copies identical to the file beside them, see " + project.dir + "\n"
                + String.join("\n", secondRun.linesWith("[devstack]")));
        secondRun.assertLogLacks("merge what you need by hand");
    }

    /**
     * {@code -DjavaVersion} sets the JDK of the CI workflow; the image must run that Java too, or a project compiled
     * for 21 fails in its container with UnsupportedClassVersionError (the plugin's default base image is
     * eclipse-temurin:17-jre).
     */
    @Test
    void javaVersionAlsoSetsTheImagesJre() {
        TestProject project = TestProject.of("dsit-archetype-java21", INPUT);
        generate(project, "mariadb", "-DjavaVersion=21").assertSuccess()
                .assertLogContains("[devstack] added the devstack plugin to pom.xml (<mainClass>" + MAIN_CLASS
                        + "</mainClass>, <baseImage>eclipse-temurin:21-jre</baseImage>)");
        assertTrue(project.read(".github/workflows/devstack.yml").contains("java-version: \"21\""));
        String devstackPlugin = ArchetypeSupport.pluginBlocks(project.read("pom.xml")).stream()
                .filter(p -> p.contains("devstack-maven-plugin")).findFirst().orElseThrow();
        assertTrue(devstackPlugin.contains("<baseImage>eclipse-temurin:21-jre</baseImage>"),
                "the devstack plugin runs the image on a Java 21 JRE:\n" + devstackPlugin);
    }

    /**
     * A pom with CRLF line endings and tab indentation (common in repositories made on Windows) gets the devstack
     * plugin in its own style, and every other line stays as it was.
     */
    @Test
    void pomWithCrlfAndTabsKeepsItsStyle() {
        TestProject project = TestProject.of("dsit-archetype-crlf", INPUT);
        String lf = project.read("pom.xml");
        String crlfTabs = lf.lines().map(ArchetypeIT::tabs).collect(Collectors.joining("\r\n", "", "\r\n"));
        project.file("pom.xml", crlfTabs);
        generate(project, "mariadb").assertSuccess();

        String devstack = """
                \t\t\t<plugin>
                \t\t\t\t<groupId>io.devstack</groupId>
                \t\t\t\t<artifactId>devstack-maven-plugin</artifactId>
                \t\t\t\t<version>%s</version>
                \t\t\t\t<configuration>
                \t\t\t\t\t<mainClass>%s</mainClass>
                \t\t\t\t</configuration>
                \t\t\t</plugin>
                """.formatted(ArchetypeSupport.VERSION, MAIN_CLASS).replace("\n", "\r\n");
        String expected = crlfTabs.replace("\t\t</plugins>\r\n", devstack + "\t\t</plugins>\r\n");
        byte[] actual = project.read("pom.xml").getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), actual, () -> {
            String text = new String(actual, StandardCharsets.UTF_8);
            long crlf = ArchetypeSupport.count(text, "\r\n");
            long lines = ArchetypeSupport.count(text, "\n");
            return "pom.xml: " + crlf + " of its " + lines + " lines end in CRLF (all of the input's did); "
                    + "apart from line endings: " + ArchetypeSupport.difference(
                    expected.replace("\r", "").getBytes(StandardCharsets.UTF_8),
                    text.replace("\r", "").getBytes(StandardCharsets.UTF_8));
        });
    }

    /**
     * Run without -DoutputDirectory, maven-archetype-plugin merges into pom.xml itself (rewriting the file): the
     * project still gets its files and exactly one devstack plugin, keeps its own plugins and dependencies, and the
     * output explains the rewrite and how to avoid it.
     */
    @Test
    void withoutOutputDirectoryThePomIsMergedOnceAndTheRewriteIsExplained() {
        TestProject project = TestProject.of("dsit-archetype-inplace", INPUT);
        BuildResult build = ArchetypeSupport.generateInPlace(project, GROUP_ID, ARTIFACT_ID, PROJECT_VERSION, PACKAGE,
                MAIN_CLASS, "mariadb").assertSuccess();
        String pom = project.read("pom.xml");
        assertEquals(1, ArchetypeSupport.count(pom, "<artifactId>devstack-maven-plugin</artifactId>"), pom);
        assertTrue(pom.contains("<mainClass>" + MAIN_CLASS + "</mainClass>"), pom);
        assertTrue(pom.contains("<release>17</release>") && pom.contains("<excludedGroups>slow</excludedGroups>"), pom);
        assertEquals(3, ArchetypeSupport.pluginBlocks(pom).size(), pom);
        assertTrue(Files.isRegularFile(project.dir.resolve("compose.yaml")), "compose.yaml added");
        assertFalse(Files.exists(project.dir.resolve("devstack-staging")), "the staging directory is removed");
        assertEquals(1, build.linesWith("[devstack] note: maven-archetype-plugin rewrote pom.xml").size(),
                build::tail);
        build.assertLogContains("-DoutputDirectory=target/devstack-archetype");
    }

    /**
     * Plugins only under pluginManagement: the devstack plugin goes into a new build/plugins after it, not into
     * pluginManagement (where it would not run) and not into a profile's build.
     */
    @Test
    void pluginManagementAndProfilesAreNotWhereThePluginGoes() {
        TestProject project = TestProject.of("dsit-archetype-pluginmanagement", INPUT);
        String pom = project.read("pom.xml")
                .replace("  <build>\n    <plugins>\n", "  <build>\n    <pluginManagement>\n    <plugins>\n")
                .replace("    </plugins>\n  </build>\n", "    </plugins>\n    </pluginManagement>\n  </build>\n"
                        + "  <profiles>\n    <profile>\n      <id>ci</id>\n      <build>\n        <plugins>\n"
                        + "        </plugins>\n      </build>\n    </profile>\n  </profiles>\n");
        project.file("pom.xml", pom);
        generate(project, "mariadb").assertSuccess();
        String expected = pom.replace("    </pluginManagement>\n  </build>\n", """
                    </pluginManagement>
                    <plugins>
                      <plugin>
                        <groupId>io.devstack</groupId>
                        <artifactId>devstack-maven-plugin</artifactId>
                        <version>%s</version>
                        <configuration>
                          <mainClass>%s</mainClass>
                        </configuration>
                      </plugin>
                    </plugins>
                  </build>
                """.formatted(ArchetypeSupport.VERSION, MAIN_CLASS));
        assertEquals(expected, project.read("pom.xml"));
    }

    /**
     * An ISO-8859-1 pom with non-ASCII text keeps every byte, and an empty {@code <plugins/>} is opened up for the
     * plugin rather than followed by a second {@code <plugins>}.
     */
    @Test
    void latin1PomAndEmptyPluginsElementAreHandled() throws java.io.IOException {
        TestProject project = TestProject.of("dsit-archetype-latin1", INPUT);
        String original = project.read("pom.xml");
        String pom = original.substring(0, original.indexOf("  <build>"))
                .replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"")
                .replace("<name>Order service</name>", "<name>Bestellungen für Müller</name>")
                + "  <build>\n    <plugins/>\n  </build>\n</project>\n";
        Files.write(project.dir.resolve("pom.xml"), pom.getBytes(StandardCharsets.ISO_8859_1));
        generate(project, "none").assertSuccess();
        String expected = pom.replace("    <plugins/>\n", """
                    <plugins>
                      <plugin>
                        <groupId>io.devstack</groupId>
                        <artifactId>devstack-maven-plugin</artifactId>
                        <version>%s</version>
                        <configuration>
                          <mainClass>%s</mainClass>
                        </configuration>
                      </plugin>
                    </plugins>
                """.formatted(ArchetypeSupport.VERSION, MAIN_CLASS));
        assertArrayEquals(expected.getBytes(StandardCharsets.ISO_8859_1),
                Files.readAllBytes(project.dir.resolve("pom.xml")));
    }

    /** A pom without a build section gets one, before </project>. */
    @Test
    void pomWithoutBuildGetsOne() {
        TestProject project = TestProject.of("dsit-archetype-nobuild", INPUT);
        String original = project.read("pom.xml");
        String pom = original.substring(0, original.indexOf("  <build>")) + "</project>\n";
        project.file("pom.xml", pom);
        generate(project, "none").assertSuccess();
        String expected = pom.replace("</project>\n", """
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>io.devstack</groupId>
                        <artifactId>devstack-maven-plugin</artifactId>
                        <version>%s</version>
                        <configuration>
                          <mainClass>%s</mainClass>
                        </configuration>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(ArchetypeSupport.VERSION, MAIN_CLASS));
        assertEquals(expected, project.read("pom.xml"));
    }

    /** Two spaces of leading indentation become one tab; continuation lines keep their alignment spaces. */
    private static String tabs(String line) {
        int spaces = line.length() - line.stripLeading().length();
        if (line.stripLeading().startsWith("xmlns") || line.stripLeading().startsWith("xsi:")) {
            return line;
        }
        return "\t".repeat(spaces / 2) + line.stripLeading();
    }
}
