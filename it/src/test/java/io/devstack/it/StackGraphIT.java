package io.devstack.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stacks that include stacks: three providers installed into the ITs' local repository — pricing (a database and an
 * api whose image it builds and publishes with {@code <packageImages>}, exporting only the api), catalog (includes
 * pricing) and orders (includes pricing as "prices") — and a consumer, shop, that includes catalog and orders. One
 * offline {@code up} runs pricing once, every database on 3306 inside, each with its own dump; the api image is
 * loaded from the provider's image artifact with no registry; every includer reaches pricing by the name it gave it;
 * the consumer's failsafe test reads {@code devstack.catalog-db.*}; two versions of pricing fail before anything
 * starts; {@code down} removes everything.
 */
class StackGraphIT {
    private static final String PROJECT = "dsit-graph-shop";
    private static final String PRICING_IMAGE = "dsit-graph-pricing-api:2.0";

    @BeforeAll
    static void installProviders() {
        TestProject.of("dsit-graph-pricing", "stack-pricing").mvn("-o", "install").assertSuccess()
                .assertLogContains("saved images " + PRICING_IMAGE + " as target/pricing-2.0-devstack-images.tar");
        TestProject.of("dsit-graph-catalog", "stack-catalog").mvn("-o", "install").assertSuccess();
        TestProject.of("dsit-graph-orders", "stack-orders").mvn("-o", "install").assertSuccess();
        // what a developer without the provider's checkout and without a registry has
        DockerCli.tryRun("rmi", PRICING_IMAGE);
    }

    @AfterAll
    static void cleanUp() {
        DumpSupport.purge(PROJECT);
    }

    @Test
    void aDiamondRunsPricingOnceAndEveryIncluderReachesItByItsOwnName() {
        TestProject shop = TestProject.of(PROJECT, "stack-shop");
        shop.mvn("-o", "devstack:up").assertSuccess()
                .assertLogContains("loading the images of org.example.graph:pricing:2.0 from "
                        + "pricing-2.0-devstack-images.tar")
                .assertLogContains("loaded target/devstack/stacks/pricing/dumps/db/pricing.sql into pricing")
                .assertLogContains("loaded target/devstack/stacks/catalog/dumps/db/catalog.sql into catalog")
                .assertLogContains("loaded dumps/db/shop.sql into shop");
        Map<String, List<String>> byService = DockerCli.containerIdsByService(PROJECT);
        assertEquals(List.of("catalog-api", "catalog-db", "db", "orders-api", "pricing-api", "pricing-db"),
                List.copyOf(byService.keySet()), "pricing once, under the first alias that reaches it");
        byService.forEach((service, ids) -> assertEquals(1, ids.size(), service + ": " + ids));

        String pricingDb = DockerCli.containerOf(PROJECT, "pricing-db");
        assertEquals("1250", DockerCli.mariadb(pricingDb, "secret", "SELECT cents FROM pricing.price"));
        assertEquals("lamp", DockerCli.mariadb(DockerCli.containerOf(PROJECT, "catalog-db"), "secret",
                "SELECT name FROM catalog.item"));
        assertEquals("10", DockerCli.mariadb(DockerCli.containerOf(PROJECT, "db"), "secret", "SELECT id FROM shop.orders"));

        assertEquals(List.of(PROJECT + "_pricing"), DockerCli.networksOf(pricingDb), "pricing exports only its api");
        String pricingApi = DockerCli.containerOf(PROJECT, "pricing-api");
        assertEquals(List.of(PROJECT + "_catalog_pricing_exports", PROJECT + "_orders_pricing_exports",
                PROJECT + "_pricing"), DockerCli.networksOf(pricingApi));
        // shop, catalog and pricing each have a db: every one of them finds its own
        String catalogApi = DockerCli.containerOf(PROJECT, "catalog-api");
        assertEquals(ip(pricingDb, PROJECT + "_pricing"), resolve(pricingApi, "db"), "pricing's DB_HOST=db is its own");
        String catalogDb = DockerCli.containerOf(PROJECT, "catalog-db");
        assertEquals(ip(catalogDb, PROJECT + "_catalog"), resolve(catalogApi, "db"), "catalog's DB_HOST=db is its own");
        assertTrue(DockerCli.exec(catalogApi, "getent", "hosts", "pricing-api").contains("pricing-api"));
        assertNotEquals(0, DockerCli.tryRun("exec", catalogApi, "getent", "hosts", "pricing-db").exitCode(),
                "what pricing does not export stays out of reach");
        assertTrue(DockerCli.exec(DockerCli.containerOf(PROJECT, "orders-api"), "getent", "hosts", "prices-api")
                .contains("prices-api"), "orders reaches the same pricing by the alias it gave it");
        assertEquals("org.example.graph:pricing:2.0", DockerCli.inspect(pricingApi,
                "{{index .Config.Labels \"io.devstack.stack\"}}"));

        // the consumer's own integration tests: up is a no-op, failsafe reads the included database's properties
        shop.mvn("verify").assertSuccess()
                .assertLogContains("nothing to do: " + PROJECT + " is up to date")
                .assertLogContains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0");

        shop.mvn("-o", "devstack:down", "-Ddevstack.removeVolumes=true").assertSuccess();
        assertEquals(List.of(), DockerCli.containers(PROJECT));
        assertEquals(List.of(), DockerCli.volumes(PROJECT));
        assertEquals(List.of(), DockerCli.networks(PROJECT));
    }

    private static String ip(String container, String network) {
        return DockerCli.inspect(container, "{{(index .NetworkSettings.Networks \"" + network + "\").IPAddress}}")
                .strip();
    }

    private static String resolve(String container, String name) {
        String line = DockerCli.exec(container, "getent", "hosts", name).strip();
        assertTrue(line.lines().count() == 1, name + " resolves to one address: " + line);
        return line.split("\\s+")[0];
    }

    @Test
    void twoVersionsOfOneStackFailBeforeAnythingStartsNamingBothPaths() {
        TestProject pricing = TestProject.of("dsit-graph-pricing-21", "stack-pricing");
        // the POM's <packageImages> wins over -D, as for any configured parameter: edit it
        pricing.file("pom.xml", pricing.read("pom.xml").replace("<version>2.0</version>", "<version>2.1</version>")
                .replace("<packageImages>true</packageImages>", "<packageImages>false</packageImages>"));
        pricing.mvn("-o", "install").assertSuccess();
        TestProject orders = TestProject.of("dsit-graph-orders-11", "stack-orders");
        orders.file("pom.xml", orders.read("pom.xml").replace("<version>1.0</version>", "<version>1.1</version>")
                .replace("org.example.graph:pricing:2.0", "org.example.graph:pricing:2.1"));
        orders.mvn("-o", "install").assertSuccess();

        TestProject shop = TestProject.of(PROJECT, "stack-shop");
        shop.file("pom.xml", shop.read("pom.xml").replace("org.example.graph:orders:1.0", "org.example.graph:orders:1.1"));
        String error = shop.mvn("-o", "devstack:up").assertFailure().goalError();
        assertTrue(error.contains("stack org.example.graph:pricing is reached in two versions: org.example.graph:shop "
                + "→ org.example.graph:catalog:1.0 → org.example.graph:pricing:2.0 and org.example.graph:shop → "
                + "org.example.graph:orders:1.1 → org.example.graph:pricing:2.1; make both use one version"), error);
        assertEquals(List.of(), DockerCli.containers(PROJECT));
        assertEquals(List.of(), DockerCli.networks(PROJECT));
    }
}
