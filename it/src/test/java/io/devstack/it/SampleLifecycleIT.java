package io.devstack.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sample service from a clean slate through up, a no-op up, down and up (data kept), and down with
 * removeVolumes (data gone). Each step asserts on the engine, the database, the app's answers and build.log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleLifecycleIT {
    private static final String PROJECT = "dsit-lifecycle";
    private TestProject project;
    private int appPort;
    private String dbContainer;
    private String appContainer;

    @BeforeAll
    void layOut() {
        project = TestProject.sample(PROJECT, null);
        appPort = TestProject.freePort();
        project.env("APP_PORT", String.valueOf(appPort)).env("DB_PORT", String.valueOf(TestProject.freePort()));
    }

    @AfterAll
    void cleanUp() {
        DockerCli.purge(PROJECT);
    }

    private String products() {
        HttpResponse<String> response = Http.get("http://127.0.0.1:" + appPort + "/products");
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private String sql(String query) {
        return DockerCli.mariadb(DockerCli.containerOf(PROJECT, "db"), "root", query);
    }

    @Test
    @Order(1)
    void firstUpBuildsStartsAndLoadsTheDump() {
        BuildResult build = project.mvn("package", "devstack:up").assertSuccess()
                .assertLogContains("network " + PROJECT + "_default created")
                .assertLogContains("built image " + PROJECT + "-app")
                .assertLogContains("loaded dumps/db/shop.sql into shop")
                .assertLogContains("service db created and healthy")
                .assertLogContains("service app created and healthy");
        assertEquals(1, build.linesWith("SERVICE").size(), "one closing table");
        assertTrue(build.log().contains("127.0.0.1:" + appPort + "->8080/tcp"), "app port published on 127.0.0.1");

        dbContainer = DockerCli.containerOf(PROJECT, "db");
        appContainer = DockerCli.containerOf(PROJECT, "app");
        assertEquals(PROJECT, DockerCli.inspect(dbContainer, "{{index .Config.Labels \"io.devstack.project\"}}"));
        assertEquals("healthy", DockerCli.inspect(appContainer, "{{.State.Health.Status}}"));
        assertEquals(List.of(PROJECT + "_db-data", PROJECT + "_db_devstack-snapshot"), DockerCli.volumes(PROJECT),
                "the data volume, and the snapshot of the freshly loaded data that devstack:reset restores");

        String body = products();
        assertTrue(body.contains("Espresso beans 1 kg") && body.contains("Descaler"), body);
        assertEquals("7", sql("SELECT COUNT(*) FROM shop.products"));
    }

    @Test
    @Order(2)
    void secondUpChangesNothingAndKeepsDeveloperData() {
        sql("INSERT INTO shop.products (name, price, category_id) SELECT 'Added by a developer', 1.00, MIN(id) FROM shop.categories");
        project.mvn("devstack:up").assertSuccess()
                .assertLogContains("nothing to do: " + PROJECT + " is up to date")
                .assertLogContains("dump dumps/db/shop.sql already loaded into shop")
                .assertLogLacks("loaded dumps/db/shop.sql into")
                .assertLogLacks("created");
        assertEquals(dbContainer, DockerCli.containerOf(PROJECT, "db"), "db container kept");
        assertEquals(appContainer, DockerCli.containerOf(PROJECT, "app"), "app container kept");
        assertEquals("8", sql("SELECT COUNT(*) FROM shop.products"));
        assertTrue(products().contains("Added by a developer"));
    }

    @Test
    @Order(3)
    void downThenUpKeepsTheData() {
        project.mvn("devstack:down").assertSuccess()
                .assertLogContains("kept volume(s) " + PROJECT + "_db-data");
        assertEquals(List.of(), DockerCli.containers(PROJECT));
        assertEquals(List.of(), DockerCli.networks(PROJECT));
        assertEquals(List.of(PROJECT + "_db-data", PROJECT + "_db_devstack-snapshot"), DockerCli.volumes(PROJECT));

        project.mvn("devstack:up").assertSuccess()
                .assertLogContains("already loaded into shop")
                .assertLogLacks("loaded dumps/db/shop.sql into");
        assertEquals("8", sql("SELECT COUNT(*) FROM shop.products"));
        assertTrue(products().contains("Added by a developer"));
    }

    @Test
    @Order(4)
    void downWithRemoveVolumesDeletesTheData() {
        project.mvn("devstack:down", "-Ddevstack.removeVolumes=true").assertSuccess()
                .assertLogContains("volume " + PROJECT + "_db-data removed");
        assertEquals(List.of(), DockerCli.containers(PROJECT));
        assertEquals(List.of(), DockerCli.volumes(PROJECT));

        project.mvn("devstack:up").assertSuccess().assertLogContains("loaded dumps/db/shop.sql into shop");
        assertEquals("7", sql("SELECT COUNT(*) FROM shop.products"), "fresh data from the dump only");
    }
}
