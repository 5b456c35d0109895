package io.devstack.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A service whose schema comes from scripts that build it whole ({@code src/it/whole-schema-service}: Spring-style
 * schema.sql with an unnamed {@code CREATE INDEX ON …}, and data.sql) is converted with the archetype; its first
 * devstack:dump holds the schema and the scripts' rows, and the generated CI workflow's check passes right after.
 * (Applied on top of the committed dump, the scripts would create a second copy of the unnamed index: a red CI.)
 */
class WholeSchemaConvertIT {
    private static final String PROJECT = "dsit-whole-schema";
    private static final String DUMP = "dumps/db/app.sql";
    private static final String SQL = "src/main/resources/schema.sql,src/main/resources/data.sql";

    @AfterEach
    void cleanUp() {
        DumpSupport.purge(PROJECT);
        DockerCli.tryRun("rmi", "whole-schema-service:1.0-snapshot");
    }

    @Test
    void theArchetypePicksWholeSchemaMigrationsAndTheCiCheckPassesOnTheFirstDump() {
        ArchetypeSupport.assertArchetypeStaged();
        TestProject project = TestProject.of(PROJECT, "whole-schema-service");
        int appPort = TestProject.freePort();
        project.env("DEVSTACK_POSTGRES_IMAGE", TestProject.POSTGRES_IMAGE).env("APP_PORT", String.valueOf(appPort))
                .env("DB_PORT", String.valueOf(TestProject.freePort()));
        ArchetypeSupport.generate(project, "com.example", "whole-schema-service", "1.0-SNAPSHOT", "com.example.catalog",
                "com.example.catalog.CatalogService", "postgres").assertSuccess()
                .assertLogContains("<migrationSql>" + SQL + "</migrationSql>: these scripts build the whole schema");
        assertTrue(project.read("pom.xml").contains("<migrationSql>" + SQL + "</migrationSql>"), project.read("pom.xml"));

        project.mvn("devstack:dump", "-Ddevstack.dump.databases=db/app").assertSuccess()
                .assertLogContains("the migrations build the whole schema (SQL scripts)")
                .assertLogContains("wrote " + DUMP);
        String dump = project.read(DUMP);
        assertEquals(1, DumpSupport.count(dump, "CREATE INDEX item_category_id_idx ON public.item"), dump);
        assertEquals(3, DumpSupport.count(dump, "\nINSERT INTO public.category ("), "data.sql's rows are the data");
        assertEquals(6, DumpSupport.count(dump, "\nINSERT INTO public.item ("), dump);
        assertTrue(dump.contains("-- migration ") && dump.contains(" src/main/resources/schema.sql\n"),
                "the scripts are the migration sources of the header:\n" + dump);

        String ci = project.read(".github/workflows/devstack.yml");
        assertTrue(ci.contains("run: mvn -B devstack:dump -Ddevstack.dump.check=true"), ci);
        project.mvn("devstack:dump", "-Ddevstack.dump.check=true").assertSuccess()
                .assertLogContains(DUMP + " matches the migrations");
        assertEquals(List.of(), DumpSupport.devstackContainers(PROJECT), "no throwaway database is left");

        // the stack loads it without calling the dump stale, and the app serves the scripts' rows from it
        project.mvn("package", "devstack:up", "-Ddevstack.baseImage=" + TestProject.JRE_IMAGE).assertSuccess()
                .assertLogContains("loaded " + DUMP + " into app").assertLogLacks("is stale");
        var items = Http.get("http://127.0.0.1:" + appPort + "/items");
        assertEquals(200, items.statusCode(), items.body());
        assertEquals(6, items.body().lines().count(), items.body());
    }
}
