package io.devstack.core.publish;

import io.devstack.core.compose.IncludedStack;
import io.devstack.core.compose.StackEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stacks that include stacks: one instance per stack, and the combinations that cannot run, named by path. */
class StackGraphTest {
    @TempDir
    Path dir;
    private final List<String> fetched = new ArrayList<>();
    private final java.util.Map<String, LinkedCheckout> links = new java.util.LinkedHashMap<>();

    /** A stack artifact in the fake repository: org.example:<artifact>:<version>, including {@code stacks}. */
    private void publish(String artifact, String version, StackEntry... stacks) {
        StringBuilder manifest = new StringBuilder("format: 1\ncoordinates: \"org.example:" + artifact + ":" + version
                + "\"\ncomposeFiles: [\"compose.yaml\"]\nexports: []\nimages: []\nimagesArtifact: false\nstacks:\n");
        for (StackEntry s : stacks) {
            manifest.append("  - coordinates: \"").append(s.coordinates()).append("\"\n    alias: \"").append(s.alias())
                    .append("\"\n    services: [").append(String.join(", ", s.services())).append("]\n");
        }
        if (stacks.length == 0) {
            manifest.append("  []\n");
        }
        ReproducibleZip zip = new ReproducibleZip();
        zip.add("compose.yaml", "services:\n  api:\n    image: x\n".getBytes(StandardCharsets.UTF_8));
        zip.add(StackPackager.MANIFEST, manifest.toString().replace("stacks:\n  []", "stacks: []")
                .getBytes(StandardCharsets.UTF_8));
        try {
            zip.writeTo(dir.resolve("repo/" + artifact + "-" + version + ".zip"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static StackEntry entry(String artifact, String version, String alias, String... services) {
        return new StackEntry("org.example:" + artifact + ":" + version, alias, List.of(services));
    }

    private List<IncludedStack> resolve(StackEntry... direct) {
        StackGraph.Artifacts repository = new StackGraph.Artifacts() {
            @Override
            public Path stack(String coordinates) {
                fetched.add(coordinates);
                String[] gav = coordinates.split(":");
                return dir.resolve("repo/" + gav[1] + "-" + gav[2] + ".zip");
            }

            @Override
            public Path images(String coordinates) {
                throw new AssertionError("no images were published");
            }
        };
        return new StackGraph(repository, dir.resolve("stacks"), "org.example:shop", links).resolve(List.of(direct));
    }

    @Test
    void aStackReachedByTwoPathsIsOneStackUnderTheFirstAliasAndIsFetchedOnce() {
        publish("pricing", "2");
        publish("catalog", "1", entry("pricing", "2", "pricing", "api"));
        publish("orders", "1", entry("pricing", "2", "prices"));
        List<IncludedStack> direct = resolve(entry("catalog", "1", "catalog"), entry("orders", "1", "orders"));
        IncludedStack viaCatalog = direct.get(0).includes().get("pricing");
        assertSame(viaCatalog, direct.get(1).includes().get("prices"), "one stack, one run");
        assertEquals("pricing", viaCatalog.alias());
        assertEquals(List.of(), viaCatalog.services(), "one path wants all of it: all of it");
        assertEquals(List.of("org.example:catalog:1", "org.example:pricing:2", "org.example:orders:1"), fetched);
        assertTrue(Files.isRegularFile(dir.resolve("stacks/pricing/compose.yaml")));
        assertFalse(Files.exists(dir.resolve("stacks/prices")));
    }

    @Test
    void theProjectsOwnAliasWinsOverAProvidersAndSubsetsMerge() {
        publish("pricing", "2");
        publish("catalog", "1", entry("pricing", "2", "pricing", "api"));
        List<IncludedStack> direct = resolve(entry("catalog", "1", "catalog"), entry("pricing", "2", "prices", "db"));
        assertEquals("prices", direct.get(0).includes().get("pricing").alias());
        assertEquals(List.of("api", "db"), direct.get(1).services());
    }

    @Test
    void twoVersionsOfOneStackFailNamingBothPaths() {
        publish("pricing", "2");
        publish("pricing", "3");
        publish("catalog", "1", entry("pricing", "2", "pricing"));
        publish("orders", "1", entry("pricing", "3", "pricing"));
        var e = assertThrows(StackGraph.StackGraphException.class,
                () -> resolve(entry("catalog", "1", "catalog"), entry("orders", "1", "orders")));
        assertEquals("stack org.example:pricing is reached in two versions: org.example:shop → org.example:catalog:1 → "
                + "org.example:pricing:2 and org.example:shop → org.example:orders:1 → org.example:pricing:3; make "
                + "both use one version (a stack runs once)", e.getMessage());
        assertFalse(fetched.contains("org.example:pricing:3"), "the conflict is found before fetching the other version");
    }

    @Test
    void aCycleFailsNamingIt() {
        publish("catalog", "1", entry("orders", "1", "orders"));
        publish("orders", "1", entry("catalog", "1", "catalog"));
        var e = assertThrows(StackGraph.StackGraphException.class, () -> resolve(entry("catalog", "1", "catalog")));
        assertEquals("stacks include each other in a cycle: org.example:shop → org.example:catalog:1 → "
                + "org.example:orders:1 → org.example:catalog:1; remove the <stack> that closes it", e.getMessage());
    }

    @Test
    void aStackThatIncludesTheProjectItselfIsACycle() {
        publish("catalog", "1", entry("shop", "1", "shop"));
        var e = assertThrows(StackGraph.StackGraphException.class, () -> resolve(entry("catalog", "1", "catalog")));
        assertTrue(e.getMessage().startsWith("stacks include each other in a cycle: org.example:shop → "
                + "org.example:catalog:1 → org.example:shop:1"), e.getMessage());
    }

    @Test
    void twoStacksUnderOneAliasFail() {
        publish("pricing", "2");
        publish("legacy-pricing", "1");
        publish("catalog", "1", entry("pricing", "2", "pricing"));
        var e = assertThrows(StackGraph.StackGraphException.class,
                () -> resolve(entry("legacy-pricing", "1", "pricing"), entry("catalog", "1", "catalog")));
        assertEquals("two stacks would be named \"pricing\": org.example:legacy-pricing and org.example:shop → "
                + "org.example:catalog:1 → org.example:pricing:2; include org.example:pricing in this project's "
                + "<stacks> under another <alias>", e.getMessage());
    }

    private LinkedCheckout checkout(String artifact, String version, StackEntry... stacks) throws IOException {
        Path dir = Files.createDirectories(this.dir.resolve("checkouts/" + artifact));
        Files.writeString(dir.resolve("compose.yaml"), "services:\n  api:\n    build: .\n");
        return new LinkedCheckout("../" + artifact, "org.example:" + artifact + ":" + version,
                new StackArtifact(dir, List.of("compose.yaml"), List.of(), java.util.Map.of(), java.util.Map.of(),
                        List.of(stacks), false), null, "unlink it with mvn devstack:unlink -Ddevstack.alias=" + artifact);
    }

    @Test
    void aLinkedStackIsReadFromItsCheckoutNotFetchedAndStandsInForEveryVersion() throws IOException {
        publish("catalog", "1", entry("pricing", "2", "pricing"));
        publish("orders", "1", entry("pricing", "3", "pricing"));
        links.put("pricing", checkout("pricing", "4-SNAPSHOT"));
        List<IncludedStack> direct = resolve(entry("catalog", "1", "catalog"), entry("orders", "1", "orders"));
        IncludedStack pricing = direct.get(0).includes().get("pricing");
        assertSame(pricing, direct.get(1).includes().get("pricing"));
        assertEquals(dir.resolve("checkouts/pricing"), pricing.directory());
        assertEquals("../pricing (linked)", pricing.source());
        assertEquals(List.of("org.example:catalog:1", "org.example:orders:1"), fetched, "the checkout is not fetched");
    }

    @Test
    void aLinkToTheCheckoutOfAnotherArtifactIsRefused() throws IOException {
        publish("catalog", "1");
        links.put("catalog", checkout("catalogue", "1"));
        var e = assertThrows(Links.LinkException.class, () -> resolve(entry("catalog", "1", "catalog")));
        assertEquals("the checkout ../catalogue linked as \"catalog\" is org.example:catalogue:1, not "
                + "org.example:catalog (org.example:shop → org.example:catalog:1); link the checkout of "
                + "org.example:catalog, or unlink it with mvn devstack:unlink -Ddevstack.alias=catalogue", e.getMessage());
    }

    @Test
    void aLinkThatNamesNoStackIsRefused() throws IOException {
        publish("catalog", "1");
        links.put("pricing", checkout("pricing", "2"));
        var e = assertThrows(Links.LinkException.class, () -> resolve(entry("catalog", "1", "catalog")));
        assertEquals("the link of \"pricing\" (../pricing) names no stack this project includes; its stacks: catalog; "
                + "unlink it with mvn devstack:unlink -Ddevstack.alias=pricing", e.getMessage());
    }

    @Test
    void linksAreRecordedInAFileGitIgnores() {
        Path project = dir.resolve("shop");
        Links.link(project, "catalog", "../catalog");
        Links.link(project, "pricing", "/work/pricing");
        assertEquals(java.util.Map.of("catalog", "../catalog", "pricing", "/work/pricing"), Links.read(project));
        assertTrue(Links.unlink(project, "catalog"));
        assertFalse(Links.unlink(project, "catalog"));
        assertEquals(java.util.Map.of("pricing", "/work/pricing"), Links.read(project));
        assertTrue(Files.isRegularFile(project.resolve(".devstack/.gitignore")));
    }
}
