package io.devstack.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stack from another repository by coordinates: the provider ({@code package-provider}, org.example.it:catalog)
 * is installed with {@code mvn install}; the consumer ({@code stack-consumer}) names it in {@code <stacks>} (version
 * from dependencyManagement), and one {@code up} runs the consumer's database beside {@code catalog-db} — both on
 * 3306 inside, the provider's fixed host port made ephemeral — with the provider's dump rows and provision script,
 * its volume and network named into the consumer's project; offline works; {@code down} removes everything; a
 * missing artifact fails before anything starts.
 */
class StacksIT {
    private static final String PROVIDER = "dsit-stack-provider";
    private static final String PROJECT = "dsit-stacks";

    @AfterEach
    void cleanUp() {
        DumpSupport.purge(PROJECT);
        DumpSupport.purge(PROVIDER);
    }

    @Test
    void aConsumerRunsAStackItIncludesByCoordinates() throws Exception {
        TestProject.of(PROVIDER, "package-provider").mvn("install").assertSuccess();
        TestProject project = TestProject.of(PROJECT, "stack-consumer");

        BuildResult up = project.mvn("-o", "devstack:up").assertSuccess()
                .assertLogContains("loaded target/devstack/stacks/catalog/dumps/db/catalog.sql into catalog")
                .assertLogContains("loaded dumps/db/shop.sql into shop")
                .assertLogContains("provisioned catalog-db with target/devstack/stacks/catalog/provision/db/10-reader.sql");
        String catalogDb = DockerCli.containerOf(PROJECT, "catalog-db");
        String db = DockerCli.containerOf(PROJECT, "db");
        assertEquals("1\tlamp", DockerCli.mariadb(catalogDb, "secret", "SELECT id, name FROM catalog.item"));
        assertEquals("10\t1", DockerCli.mariadb(db, "secret", "SELECT id, item_id FROM shop.orders"));
        assertEquals("0", DockerCli.mariadb(db, "secret", "SELECT count(*) FROM information_schema.schemata "
                + "WHERE schema_name = 'catalog'"), "each database holds its own stack's dump");
        assertEquals("1", DockerCli.mariadb(catalogDb, "secret", "SELECT count(*) FROM mysql.user WHERE user = 'reader'"));
        assertEquals("org.example.it:catalog:1.4.0", DockerCli.inspect(catalogDb,
                "{{index .Config.Labels \"io.devstack.stack\"}}"));
        assertTrue(DockerCli.volumes(PROJECT).contains(PROJECT + "_catalog_db-data"), DockerCli.volumes(PROJECT)::toString);
        assertTrue(DockerCli.networksOf(catalogDb).contains(PROJECT + "_catalog"), DockerCli.networksOf(catalogDb)::toString);
        assertTrue(DockerCli.networksOf(catalogDb).contains(PROJECT + "_catalog_exports"),
                "the consumer's services reach it over the bridge");

        Properties ports = new Properties();
        try (var in = Files.newInputStream(project.dir.resolve("target/devstack/ports.properties"))) {
            ports.load(in);
        }
        String hostPort = ports.getProperty("devstack.catalog-db.port.3306");
        assertTrue(hostPort != null && !hostPort.equals("3306"), "an ephemeral host port: " + ports);
        up.assertLogContains("127.0.0.1:" + hostPort + "->3306/tcp");

        // a second up changes nothing
        project.mvn("-o", "devstack:up").assertSuccess().assertLogContains("nothing to do: " + PROJECT + " is up to date");
        project.mvn("-o", "devstack:status").assertSuccess()
                .assertLogContains("target/devstack/stacks/catalog/dumps/db/catalog.sql  catalog-db/catalog  loaded");

        project.mvn("-o", "devstack:down", "-Ddevstack.removeVolumes=true").assertSuccess();
        assertEquals(List.of(), DockerCli.containers(PROJECT));
        assertEquals(List.of(), DockerCli.volumes(PROJECT));
        assertEquals(List.of(), DockerCli.networks(PROJECT));
    }

    @Test
    void aStackNoRepositoryHasFailsBeforeAnythingStarts() {
        TestProject project = TestProject.of(PROJECT, "stack-consumer");
        project.file("pom.xml", project.read("pom.xml")
                .replace("<coordinates>org.example.it:catalog</coordinates>",
                        "<coordinates>org.example.it:nowhere:9.9</coordinates>"));
        String error = project.mvn("-o", "devstack:up").assertFailure().goalError();
        assertTrue(error.contains("<stack> org.example.it:nowhere:9.9: its stack artifact "
                + "org.example.it:nowhere:zip:devstack:9.9 is in no repository this build uses (offline: the local "
                + "repository only)"), error);
        assertEquals(List.of(), DockerCli.containers(PROJECT));
        assertFalse(DockerCli.networks(PROJECT).size() > 0);
    }
}
