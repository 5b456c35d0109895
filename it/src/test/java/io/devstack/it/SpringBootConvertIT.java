package io.devstack.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Spring Boot 4 service ({@code src/it/spring-service}, written on its own: PostgreSQL profile, schema.sql and
 * data.sql with {@code spring.sql.init.mode=always}, actuator, devtools as an optional dependency, no compose file)
 * converts with one archetype:generate and no edit but the image variables in .env: the first devstack:dump builds
 * the dump from its SQL scripts, {@code mvn package devstack:up} builds its image (main class found, devtools left
 * out), waits for /actuator/health and serves the dump's rows — the dump's, not a re-run of data.sql.
 */
class SpringBootConvertIT {
    private static final String PROJECT = "dsit-spring";
    private static final String IMAGE = "catalog-service:0.1.0-snapshot";
    private static final String DUMP = "dumps/db/app.sql";

    @AfterEach
    void cleanUp() {
        DumpSupport.purge(PROJECT);
        DockerCli.tryRun("rmi", IMAGE);
    }

    @Test
    void aSpringBootServiceConvertsDumpsAndServesItsDumpsRows() throws Exception {
        ArchetypeSupport.assertArchetypeStaged();
        TestProject project = TestProject.of(PROJECT, "spring-service");
        int appPort = TestProject.freePort();
        project.env("APP_PORT", String.valueOf(appPort)).env("DB_PORT", String.valueOf(TestProject.freePort()));
        // the package's Main does not exist (the archetype's default): the image finds CatalogApplication itself
        ArchetypeSupport.generate(project, "org.example.spring", "catalog-service", "0.1.0-SNAPSHOT",
                "org.example.spring.catalog", "org.example.spring.catalog.Main", "postgres").assertSuccess()
                .assertLogContains("[devstack] Spring Boot project: the app gets SERVER_PORT, SPRING_DATASOURCE_URL");
        project.file(".env", project.read(".env") + "DEVSTACK_POSTGRES_IMAGE=" + TestProject.POSTGRES_IMAGE + "\n"
                + "DEVSTACK_BASE_IMAGE=" + TestProject.JRE_IMAGE + "\n");

        project.mvn("devstack:dump").assertSuccess().assertLogContains("wrote " + DUMP);
        assertEquals(3, DumpSupport.count(project.read(DUMP), "\nINSERT INTO public.product ("), project.read(DUMP));
        // the team's dump is what the app must serve: a row changed in it shows whether it was loaded
        project.file(DUMP, project.read(DUMP).replace("'Lamp'", "'Lamp from the dump'"));

        project.mvn("package", "devstack:up").assertSuccess()
                .assertLogContains("main class org.example.spring.catalog.CatalogApplication")
                .assertLogContains("left out of the image: org.springframework.boot:spring-boot-devtools")
                .assertLogContains("loaded " + DUMP + " into app");
        var products = Http.get("http://127.0.0.1:" + appPort + "/products");
        assertEquals(200, products.statusCode(), products.body());
        assertTrue(products.body().contains("Lamp from the dump"), "the dump's rows, not data.sql's: " + products.body());
        assertTrue(products.body().contains("Chair"), products.body());
        List<String> libs = DockerCli.lines(DockerCli.run("run", "--rm", "--entrypoint", "ls", IMAGE, "/app/libs"));
        assertFalse(libs.stream().anyMatch(l -> l.contains("devtools")), libs.toString());
        assertTrue(libs.stream().anyMatch(l -> l.startsWith("spring-boot-")), libs.toString());
    }
}
