package io.devstack.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A workspace of three modules — pricing, and catalog and orders that both include it — comes up with one
 * {@code mvn devstack:up} at its root: one project, each module's stack once and linked to its module (pricing once,
 * though two modules include it), every includer reaching pricing by its own name for it, no artifact installed.
 * {@code status}, {@code logs} and {@code down} act on the whole workspace, or with {@code -pl} on one module.
 */
class WorkspaceIT {
    private static final String PROJECT = "dsit-ws";

    @AfterEach
    void cleanUp() {
        DumpSupport.purge(PROJECT);
    }

    @Test
    void oneUpAtTheRootRunsEveryModulesStackOnce() {
        // pricing's api image is built by the workspace itself (another test may have left one of that name)
        DockerCli.tryRun("rmi", "-f", "dsit-graph-pricing-api:2.0");
        TestProject.of("dsit-ws-pricing", "stack-pricing");
        TestProject catalog = TestProject.of("dsit-ws-catalog", "stack-catalog");
        // a version no repository has: the workspace's pricing module stands in for it
        catalog.file("pom.xml", catalog.read("pom.xml").replace("org.example.graph:pricing:2.0",
                "org.example.graph:pricing:9.9"));
        TestProject.of("dsit-ws-orders", "stack-orders");
        TestProject workspace = TestProject.of(PROJECT, "stack-workspace");

        workspace.mvn("-o", "devstack:up").assertSuccess()
                .assertLogContains("part of workspace workspace: devstack:up runs for all its modules after the last one")
                .assertLogContains("loaded ../dsit-ws-pricing/dumps/db/pricing.sql into pricing")
                .assertLogContains("loaded ../dsit-ws-catalog/dumps/db/catalog.sql into catalog");
        Map<String, List<String>> byService = DockerCli.containerIdsByService(PROJECT);
        assertEquals(List.of("catalog-api", "catalog-db", "orders-api", "pricing-api", "pricing-db"),
                List.copyOf(byService.keySet()));
        byService.forEach((service, ids) -> assertEquals(1, ids.size(), service + ": " + ids));
        assertEquals("1250", DockerCli.mariadb(DockerCli.containerOf(PROJECT, "pricing-db"), "secret",
                "SELECT cents FROM pricing.price"));
        assertTrue(DockerCli.exec(DockerCli.containerOf(PROJECT, "catalog-api"), "getent", "hosts", "pricing-api")
                .contains("pricing-api"));
        assertTrue(DockerCli.exec(DockerCli.containerOf(PROJECT, "orders-api"), "getent", "hosts", "prices-api")
                .contains("prices-api"));

        workspace.mvn("-o", "devstack:status").assertSuccess()
                .assertLogContains("  pricing: ../dsit-ws-pricing (linked)")
                .assertLogContains("  catalog: ../dsit-ws-catalog (linked)");
        BuildResult logs = workspace.mvn("-o", "devstack:logs", "-pl", "../dsit-ws-pricing").assertSuccess();
        logs.assertLogContains("pricing-db  | ");
        logs.assertLogLacks("catalog-db  | ");
        workspace.mvn("-o", "devstack:up").assertSuccess().assertLogContains("nothing to do: " + PROJECT
                + " is up to date");
        BuildResult status = workspace.mvn("-o", "devstack:status", "-pl", "../dsit-ws-pricing").assertSuccess();
        status.assertLogContains("pricing-api  running");
        status.assertLogLacks("catalog-api");

        // one module down: its containers only; the rest keeps running
        String pricingDb = DockerCli.containerOf(PROJECT, "pricing-db");
        workspace.mvn("-o", "devstack:down", "-pl", "../dsit-ws-orders").assertSuccess()
                .assertLogContains("orders-api of " + PROJECT + " down");
        assertEquals(List.of("catalog-api", "catalog-db", "pricing-api", "pricing-db"),
                List.copyOf(DockerCli.containerIdsByService(PROJECT).keySet()));
        assertEquals(pricingDb, DockerCli.containerOf(PROJECT, "pricing-db"));

        // up with -pl of a module that has dumps: the workspace's up, with that module's dumps found in it
        workspace.mvn("-o", "devstack:up", "-pl", "../dsit-ws-pricing").assertSuccess()
                .assertLogContains("devstack:up brings up the whole workspace")
                .assertLogContains("service orders-api created");
        assertEquals(pricingDb, DockerCli.containerOf(PROJECT, "pricing-db"), "pricing's data stays as it was");

        workspace.mvn("-o", "devstack:down", "-Ddevstack.removeVolumes=true", "-Ddevstack.removeImages=true")
                .assertSuccess().assertLogContains("image dsit-graph-pricing-api:2.0 removed");
        assertTrue(DockerCli.tryRun("image", "inspect", "dsit-graph-pricing-api:2.0").exitCode() != 0,
                "the image the workspace built is gone");
        assertEquals(0, DockerCli.tryRun("image", "inspect", TestProject.MARIADB_IMAGE).exitCode(),
                "an image it did not build stays");
        assertEquals(List.of(), DockerCli.containers(PROJECT));
        assertEquals(List.of(), DockerCli.volumes(PROJECT));
        assertEquals(List.of(), DockerCli.networks(PROJECT));
    }
}
