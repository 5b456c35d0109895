package io.devstack.core.compose;

import io.devstack.core.stack.Mount;
import io.devstack.core.stack.Service;
import io.devstack.core.stack.Stack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A stack from another repository joins the consumer's under names that cannot clash. */
class StackIncludesTest {
    @TempDir
    Path dir;

    private Stack read(List<String> services) throws IOException {
        Path provider = Files.createDirectories(dir.resolve("consumer/target/devstack/stacks/catalog"));
        Files.writeString(provider.resolve("compose.yaml"), """
                name: catalog
                services:
                  db:
                    image: mariadb:11
                    container_name: catalog-db
                    ports: ["127.0.0.1:3306:3306"]
                    volumes: [data:/var/lib/mysql]
                  api:
                    image: catalog-api:1.4.0
                    environment:
                      DB_HOST: db
                    depends_on: [db]
                  admin:
                    image: catalog-admin:1.4.0
                volumes:
                  data:
                """);
        Path consumer = dir.resolve("consumer");
        Files.writeString(consumer.resolve("compose.yaml"), """
                services:
                  db:
                    image: mariadb:11
                    ports: ["127.0.0.1:3306:3306"]
                  app:
                    image: shop:1
                    depends_on:
                      catalog-api:
                        condition: service_started
                """);
        IncludedStack include = new IncludedStack("catalog", "org.example:catalog:1.4.0", provider,
                List.of("compose.yaml"), services);
        return new ComposeReader(w -> { }).read(new ComposeRequest(consumer, List.of(consumer.resolve("compose.yaml")),
                "shop", Map.of(), List.of(), List.of(include)));
    }

    @Test
    void servicesVolumesNetworksAndPortsAreNamedIntoTheConsumersProject() throws IOException {
        Stack stack = read(List.of("api"));
        assertEquals(List.of("db", "app", "catalog-db", "catalog-api"), List.copyOf(stack.services().keySet()),
                "api and its depends_on closure, not admin");
        Service db = stack.services().get("catalog-db");
        assertNull(db.ports().get(0).hostPort(), "a fixed host port of an included stack becomes ephemeral");
        assertNull(db.options().containerName(), "and so does a fixed container name");
        assertEquals(List.of(new Mount(Mount.Type.VOLUME, "catalog_data", "/var/lib/mysql", false)), db.mounts());
        assertEquals("shop_catalog_data", stack.volumes().get("catalog_data").dockerName());
        assertEquals(Map.of("catalog_default", List.of("db"), "catalog_exports", List.of("catalog-db")), db.networks(),
                "its own network, and a bridge to the consumer where it answers only to catalog-db");
        assertTrue(stack.networks().get("catalog_exports").bridge());
        assertEquals("shop_catalog_exports", stack.networks().get("catalog_exports").dockerName());
        assertEquals(List.of(), stack.services().get("app").networks().get("catalog_exports"),
                "the consumer's services call it over the bridge under no name of theirs (their db cannot shadow "
                        + "the stack's)");
        assertEquals("shop_catalog", stack.networks().get("catalog_default").dockerName());
        assertEquals("org.example:catalog:1.4.0", db.labels().get("io.devstack.stack"));
        assertEquals(List.of("catalog-db"), List.copyOf(stack.services().get("catalog-api").dependsOn().keySet()));
        assertEquals("db", stack.sourceName("catalog-db"));
        assertEquals(dir.resolve("consumer/target/devstack/stacks/catalog/dumps"),
                stack.dumpsDir("catalog-db", dir.resolve("consumer/dumps")));
        assertEquals(dir.resolve("consumer/dumps"), stack.dumpsDir("db", dir.resolve("consumer/dumps")));
        assertEquals(3306, stack.services().get("db").ports().get(0).hostPort(), "the consumer's own port stays");
    }

    /** The consumer's db mounts volume {@code key}, defined as {@code definition}; reading must fail. */
    private ComposeFileException consumerFails(String key, String definition) throws IOException {
        read(List.of());
        Path consumer = dir.resolve("consumer");
        Files.writeString(consumer.resolve("compose.yaml"), "services:\n  db:\n    image: mariadb:11\n"
                + "    volumes: [" + key + ":/var/lib/mysql]\nvolumes:\n  " + definition + "\n");
        IncludedStack include = new IncludedStack("catalog", "org.example:catalog:1.4.0",
                consumer.resolve("target/devstack/stacks/catalog"), List.of("compose.yaml"), List.of());
        return assertThrows(ComposeFileException.class, () -> new ComposeReader(w -> { })
                .read(new ComposeRequest(consumer, List.of(consumer.resolve("compose.yaml")), "shop", Map.of(),
                        List.of(), List.of(include))));
    }

    @Test
    void aVolumeNamedLikeOneOfTheIncludedStacksIsAnErrorNotASharedVolume() throws IOException {
        ComposeFileException e = consumerFails("mine", "mine:\n    name: shop_catalog_data");
        assertTrue(e.getMessage().contains("the volume shop_catalog_data of the included stack "
                + "org.example:catalog:1.4.0 has the name of one the project already has"), e.getMessage());
    }

    @Test
    void aServiceTheStackDoesNotHaveIsNamed() {
        ComposeFileException e = assertThrows(ComposeFileException.class, () -> read(List.of("apii")));
        assertTrue(e.getMessage().contains("<stack> org.example:catalog:1.4.0 has no service \"apii\" to include; it "
                + "has: db, api, admin"), e.getMessage());
    }

    @Test
    void aVolumeKeyThatLooksLikeAnIncludedStacksIsRefused() throws IOException {
        ComposeFileException e = consumerFails("catalog_data", "catalog_data:");
        assertTrue(e.getMessage().contains("the volume catalog_data starts with catalog_, which names the volumes of "
                + "the included stack org.example:catalog:1.4.0"), e.getMessage());
    }

    private Path provider(String name, String compose) throws IOException {
        Path provider = Files.createDirectories(dir.resolve("consumer/target/devstack/stacks/" + name));
        Files.writeString(provider.resolve("compose.yaml"), compose);
        return provider;
    }

    /** shop includes catalog and pricing (as "prices"); catalog includes pricing itself (as "pricing"). */
    private Stack diamond(String consumerCompose) throws IOException {
        IncludedStack pricing = new IncludedStack("prices", "org.example:pricing:2.0", provider("prices", """
                services:
                  db:
                    image: mariadb:11
                    volumes: [data:/var/lib/mysql]
                  api:
                    build: .
                    depends_on: [db]
                volumes:
                  data:
                """), List.of("compose.yaml"), List.of(), List.of("api"), Map.of("api", "pricing-api:2.0"),
                Map.of("pricing-api:2.0", "sha256:2"), null, Map.of(), null);
        Files.writeString(dir.resolve("consumer/target/devstack/stacks/prices/Dockerfile"), "FROM scratch\n");
        IncludedStack catalog = new IncludedStack("catalog", "org.example:catalog:1.4.0", provider("catalog", """
                services:
                  api:
                    image: catalog-api:1.4.0
                    environment:
                      PRICES: http://pricing-api:8080
                    depends_on:
                      pricing-api:
                        condition: service_started
                """), List.of("compose.yaml"), List.of(), List.of(), Map.of(), Map.of(), null,
                Map.of("pricing", pricing), null);
        Path consumer = dir.resolve("consumer");
        Files.writeString(consumer.resolve("compose.yaml"), consumerCompose);
        return new ComposeReader(w -> { }).read(new ComposeRequest(consumer, List.of(consumer.resolve("compose.yaml")),
                "shop", Map.of(), List.of(), List.of(catalog, pricing)));
    }

    @Test
    void aStackReachedByTwoPathsRunsOnceAndEachIncluderReachesItByItsOwnName() throws IOException {
        Stack stack = diamond("services:\n  app:\n    image: shop:1\n    depends_on: [catalog-api, prices-api]\n");
        assertEquals(List.of("app", "catalog-api", "prices-db", "prices-api"), List.copyOf(stack.services().keySet()));
        Service api = stack.services().get("prices-api");
        assertEquals(Map.of("prices_default", List.of("api"), "prices_exports", List.of("prices-api"),
                "catalog_prices_exports", List.of("pricing-api")), api.networks(),
                "catalog's services find it as pricing-api, as they did there");
        assertEquals(List.of(), stack.services().get("catalog-api").networks().get("catalog_prices_exports"));
        assertEquals(Map.of("prices_default", List.of("db")), stack.services().get("prices-db").networks(),
                "a service the stack does not export stays on its own network");
        assertEquals(List.of("prices-api"), List.copyOf(stack.services().get("catalog-api").dependsOn().keySet()));
        assertEquals("pricing-api:2.0", api.image(), "the image its provider builds, not a build from the artifact");
        assertNull(api.build());
        assertTrue(stack.origins().get("prices-api").builtImage());
        assertEquals("sha256:2", stack.origins().get("prices-api").publishedImageId());
        assertEquals("shop_prices_data", stack.volumes().get("prices_data").dockerName());
    }

    @Test
    void theConsumerCannotDependOnAServiceAStackDoesNotExport() {
        ComposeFileException e = assertThrows(ComposeFileException.class,
                () -> diamond("services:\n  app:\n    image: shop:1\n    depends_on: [prices-db]\n"));
        assertTrue(e.getMessage().contains("compose.yaml line 4 (services.app.depends_on): service app depends on "
                + "prices-db, which org.example:pricing:2.0 does not export; you can depend on prices-api"),
                e.getMessage());
    }

    @Test
    void theConsumerOverridesAnIncludedServicesKeysAndPinsItsPort() throws IOException {
        Stack stack = diamond("""
                services:
                  app:
                    image: shop:1
                  catalog-api:
                    environment:
                      LOG_LEVEL: debug
                    ports: ["127.0.0.1:8081:8080"]
                """);
        Service api = stack.services().get("catalog-api");
        assertEquals(Map.of("PRICES", "http://pricing-api:8080", "LOG_LEVEL", "debug"), api.environment());
        assertEquals(8081, api.ports().get(0).hostPort());
        assertEquals("catalog-api:1.4.0", api.image());
        assertEquals("org.example:catalog:1.4.0", api.labels().get("io.devstack.stack"));
    }

    @Test
    void aKeyThatBelongsToTheProviderCannotBeOverridden() {
        ComposeFileException e = assertThrows(ComposeFileException.class, () -> diamond("""
                services:
                  app:
                    image: shop:1
                  catalog-api:
                    volumes: ["./x:/x"]
                """));
        assertTrue(e.getMessage().contains("volumes of catalog-api belongs to the stack it comes from and cannot be "
                + "overridden here; a consumer may set command, entrypoint"), e.getMessage());
    }
}
