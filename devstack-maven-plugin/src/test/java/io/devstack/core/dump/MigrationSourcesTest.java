package io.devstack.core.dump;

import io.devstack.core.stack.Stack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrationSourcesTest {
    @TempDir
    Path dir;

    private Path migration(Path project, String name, String sql) throws IOException {
        Path file = project.resolve("src/main/resources/db/migration").resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, sql);
    }

    @Test
    void eachDumpIsComparedWithTheMigrationsOfTheProjectItCameFrom() throws IOException {
        Path shop = dir.resolve("shop");
        Path catalog = dir.resolve("catalog");
        migration(shop, "V1__orders.sql", "create table orders (id int);");
        migration(catalog, "V1__product.sql", "create table product (id int);");
        migration(catalog, "V2__seed.sql", "insert into product values (1);");
        Stack stack = new Stack("shop", shop, List.of(), Map.of(), Map.of(), Map.of(), Set.of(), Map.of(
                "catalog-db", new Stack.Origin("org.example:catalog:1.0", "catalog", "db", catalog.resolve("dumps"),
                        catalog.resolve("provision"), false, null, null, "../catalog (linked)", catalog),
                "pricing-db", new Stack.Origin("org.example:pricing:2.0", "pricing", "db", dir.resolve("unpacked"),
                        dir.resolve("unpacked"))));
        MigrationSources.Current now = new MigrationSources.Current(stack, MigrationSources.DEFAULT_GLOBS);

        assertEquals(MigrationSources.of(shop, MigrationSources.DEFAULT_GLOBS), now.of("db").orElseThrow());
        assertEquals(2, now.of("catalog-db").orElseThrow().files(), "the linked checkout's own migrations");
        assertTrue(now.of("pricing-db").isEmpty(), "an artifact carries no migration sources to compare with");
    }

    @Test
    void onlyTheDirectoriesTheGlobsCanMatchAreWalked() throws IOException {
        Path project = dir.resolve("p");
        migration(project, "V1__a.sql", "select 1;");
        Files.createDirectories(project.resolve("node_modules/x"));
        assertEquals(List.of(project.resolve("src/main/resources/db/migration")),
                MigrationSources.walkRoots(project, MigrationSources.DEFAULT_GLOBS), "db/changelog does not exist");
        assertEquals(List.of(project), MigrationSources.walkRoots(project, List.of("**/*.sql",
                "src/main/resources/db/migration/**")), "a glob starting with a wildcard walks the project");
        assertEquals(1, MigrationSources.of(project, List.of("**/*.sql")).files());
    }
}
