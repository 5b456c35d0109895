package io.devstack.core.dump;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DumpFilesTest {
    @TempDir
    Path dumps;

    private Path file(String relative) throws IOException {
        Path file = dumps.resolve(relative);
        Files.createDirectories(file.getParent());
        if (relative.endsWith(".gz")) {
            try (var gz = new java.util.zip.GZIPOutputStream(Files.newOutputStream(file))) {
                gz.write("-- dump\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        } else {
            Files.writeString(file, "-- dump\n");
        }
        return file;
    }

    @Test
    void missingServiceDirectoryHasNoDumps() {
        assertEquals(List.of(), DumpFiles.of(dumps, "db"));
    }

    @Test
    void plainAndGzippedDumpsInNameOrder() throws IOException {
        Path orders = file("db/orders.sql.gz");
        Path billing = file("db/billing.sql");
        Path users = file("db/users_v2.sql");
        Path audit = file("db/audit-log.sql.gz");

        assertEquals(List.of(
                new DumpFile("db", "audit-log", audit, true),
                new DumpFile("db", "billing", billing, false),
                new DumpFile("db", "orders", orders, true),
                new DumpFile("db", "users_v2", users, false)),
                DumpFiles.of(dumps, "db"));
    }

    @Test
    void otherFilesAreIgnored() throws IOException {
        Path shop = file("db/shop.sql");
        file("db/README.md");
        file("db/shop.sql.bak");
        file("db/shop.gz");
        file("db/shop.sql.zip");
        file("db/notes.txt");
        file("other/elsewhere.sql");

        assertEquals(List.of(new DumpFile("db", "shop", shop, false)), DumpFiles.of(dumps, "db"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"my shop.sql", "shop.v2.sql", "-shop.sql", "caf\u00e9.sql.gz", ".sql", "x;drop.sql"})
    void badDatabaseNamesAreRejected(String name) throws IOException {
        Path bad = file("db/" + name);
        var e = assertThrows(DumpException.class, () -> DumpFiles.of(dumps, "db"));
        assertTrue(e.getMessage().startsWith(bad.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("is not a usable database name"), e.getMessage());
    }

    @Test
    void databaseNameMayBeSixtyThreeCharacters() throws IOException {
        String longest = "d".repeat(63);
        file("db/" + longest + ".sql");
        assertEquals(longest, DumpFiles.of(dumps, "db").get(0).database());

        file("db/" + "d".repeat(64) + ".sql");
        assertThrows(DumpException.class, () -> DumpFiles.of(dumps, "db"));
    }

    @Test
    void serviceDirsListsDirectoriesOnly() throws IOException {
        file("mariadb/a.sql");
        file("postgres/b.sql");
        file("stray.sql");
        assertEquals(List.of("mariadb", "postgres"), DumpFiles.serviceDirs(dumps));
        assertEquals(List.of(), DumpFiles.serviceDirs(dumps.resolve("missing")));
    }
}
