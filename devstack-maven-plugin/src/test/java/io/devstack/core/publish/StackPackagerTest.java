package io.devstack.core.publish;

import io.devstack.core.Progress;
import io.devstack.core.compose.ComposeRequest;
import io.devstack.core.compose.StackEntry;
import io.devstack.core.engine.FakeEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** devstack:package: what the artifact holds, that it is reproducible, and what cannot travel. */
class StackPackagerTest {
    @TempDir
    Path dir;

    private Path write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private final FakeEngine engine = new FakeEngine().image("mariadb:11", "sha256:db");

    private Path pack(String output) {
        return pack(output, List.of(), null);
    }

    private Path pack(String output, List<StackEntry> stacks, Path images) {
        ComposeRequest compose = new ComposeRequest(dir, List.of(dir.resolve("compose.yaml")), null, Map.of());
        return new StackPackager(engine, Progress.NONE).run(
                new PackageRequest(compose, dir.resolve("dumps"), dir.resolve("provision"), "org.example:catalog:1.4.0",
                        List.of("api"), stacks, "catalog:1.4.0", dir.resolve(output), images));
    }

    private void project() throws IOException {
        write("compose.yaml", """
                name: catalog
                services:
                  db:
                    image: mariadb:11
                    env_file: db.env
                    volumes:
                      - ./conf/my.cnf:/etc/mysql/conf.d/my.cnf:ro
                  api:
                    image: catalog:1.4.0
                    depends_on: [db]
                """);
        write(".env", "DB_PORT=3306\n");
        write("db.env", "MARIADB_ROOT_PASSWORD=secret\n");
        write("conf/my.cnf", "[mysqld]\n");
        write("dumps/db/catalog.sql", "CREATE TABLE item (id int);\n");
        write("provision/db/10-users.sql", "SELECT 1;\n");
        write("src/Main.java", "class Main {}\n");
    }

    private static Map<String, String> entries(Path zip) throws IOException {
        Map<String, String> entries = new java.util.LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }

    @Test
    void theArtifactHoldsTheStackWhatItNeedsAndAManifest() throws IOException {
        project();
        Map<String, String> entries = entries(pack("target/catalog-1.4.0-devstack.zip"));
        assertEquals(List.of(".env", "compose.yaml", "conf/my.cnf", "db.env", "devstack-manifest.yaml",
                "dumps/db/catalog.sql", "provision/db/10-users.sql"), new ArrayList<>(entries.keySet()));
        String manifest = entries.get("devstack-manifest.yaml");
        assertTrue(manifest.contains("format: 1\ncoordinates: \"org.example:catalog:1.4.0\"\nproject: \"catalog\"\n"
                + "composeFiles:\n  - \"compose.yaml\"\nexports:\n  - \"api\"\n"), manifest);
        assertTrue(manifest.contains("  - service: \"db\"\n    image: \"mariadb:11\"\n    built: false\n"
                + "    id: \"sha256:db\"\n"), manifest);
        assertTrue(manifest.contains("  - service: \"api\"\n    image: \"catalog:1.4.0\"\n    built: true\n"), manifest);
        assertTrue(manifest.contains("dumps:\n  - path: \"dumps/db/catalog.sql\"\n    sha256: "), manifest);
        assertTrue(manifest.endsWith("stacks: []\n"), manifest);
    }

    @Test
    void theSameInputsGiveTheSameBytesWhateverTheTimestamps() throws IOException {
        project();
        byte[] first = Files.readAllBytes(pack("a.zip"));
        Files.setLastModifiedTime(dir.resolve("dumps/db/catalog.sql"), FileTime.fromMillis(0));
        Files.setLastModifiedTime(dir.resolve("compose.yaml"), FileTime.fromMillis(System.currentTimeMillis()));
        assertArrayEquals(first, Files.readAllBytes(pack("b.zip")));
    }

    @Test
    void aBindMountOutsideTheProjectIsRefusedNamingServiceAndPath() throws IOException {
        project();
        write("compose.yaml", "services:\n  api:\n    image: catalog:1.4.0\n    volumes:\n      - /etc/hosts:/x:ro\n");
        PackageException e = assertThrows(PackageException.class, () -> pack("c.zip"));
        assertTrue(e.getMessage().startsWith("compose.yaml (services.api.volumes): service api mounts /etc/hosts, which "
                + "is outside the project"), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("c.zip")), "nothing is written");
    }

    @Test
    void aWritableDirectoryMountIsDataAndIsRefused() throws IOException {
        project();
        write("data/.keep", "");
        write("compose.yaml", "services:\n  api:\n    image: catalog:1.4.0\n    volumes:\n      - ./data:/var/lib/x\n");
        PackageException e = assertThrows(PackageException.class, () -> pack("f.zip"));
        assertTrue(e.getMessage().contains("mounts the directory " + dir.resolve("data") + " writable; a stack "
                + "artifact carries files, not data"), e.getMessage());
    }

    @Test
    void aLinkIsNotFollowedOutOfTheProject() throws IOException {
        project();
        Path secret = Files.writeString(dir.resolveSibling(dir.getFileName() + "-secret"), "key\n");
        Files.createSymbolicLink(dir.resolve("dumps/db/link.sql"), secret);
        Map<String, String> entries = entries(pack("g.zip"));
        assertTrue(!entries.containsKey("dumps/db/link.sql"), entries.keySet().toString());
        Files.delete(secret);
    }

    @Test
    void aBuildContextOutsideTheProjectIsRefused() throws IOException {
        project();
        Path elsewhere = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-elsewhere"));
        Files.writeString(elsewhere.resolve("Dockerfile"), "FROM scratch\n");
        write("compose.yaml", "services:\n  api:\n    build: ../" + elsewhere.getFileName() + "\n");
        PackageException e = assertThrows(PackageException.class, () -> pack("d.zip"));
        assertTrue(e.getMessage().startsWith("compose.yaml (services.api.build): the build context "), e.getMessage());
    }

    @Test
    void anExportThatIsNoServiceIsRefused() throws IOException {
        write("compose.yaml", "services:\n  db:\n    image: mariadb:11\n");
        PackageException e = assertThrows(PackageException.class, () -> pack("e.zip"));
        assertTrue(e.getMessage().startsWith("<exports> names service \"api\""), e.getMessage());
    }

    @Test
    void aConsumerReadsWhatTheManifestSays() throws IOException {
        project();
        engine.image("catalog:1.4.0", "sha256:api");
        Path zip = pack("h.zip", List.of(new StackEntry("org.example:pricing:2.0", "prices", List.of("api"))),
                dir.resolve("images.tar"));
        StackArtifact artifact = StackArtifacts.unpack(zip, dir.resolve("unpacked"), "org.example:catalog:1.4.0");
        assertEquals(List.of("compose.yaml"), artifact.composeFiles());
        assertEquals(List.of("api"), artifact.exports());
        assertEquals(Map.of("api", "catalog:1.4.0"), artifact.builtImages());
        assertEquals(Map.of("catalog:1.4.0", "sha256:api"), artifact.imageIds());
        assertEquals(List.of(new StackEntry("org.example:pricing:2.0", "prices", List.of("api"))), artifact.stacks());
        assertTrue(artifact.imagesArtifact());
        assertEquals("catalog:1.4.0=sha256:api\n", Files.readString(dir.resolve("images.tar")),
                "only the image the project builds travels; public ones stay references");
    }

    @Test
    void packagingImagesThatWereNeverBuiltSaysToBuildThemFirst() throws IOException {
        project();
        PackageException e = assertThrows(PackageException.class, () -> pack("i.zip", List.of(),
                dir.resolve("images.tar")));
        assertTrue(e.getMessage().startsWith("<packageImages>: image catalog:1.4.0 of service api is not on this "
                + "engine; build it before packaging"), e.getMessage());
    }

    @Test
    void theImageArchiveIsSavedAgainOnlyWhenAnImageChanged() throws IOException {
        project();
        engine.image("catalog:1.4.0", "sha256:api");
        Path images = dir.resolve("images.tar");
        pack("a.zip", List.of(), images);
        Files.writeString(images, "the archive saved before");
        pack("a.zip", List.of(), images);
        assertEquals("the archive saved before", Files.readString(images), "the same image ids: not saved again");
        engine.image("catalog:1.4.0", "sha256:api2");
        pack("a.zip", List.of(), images);
        assertEquals("catalog:1.4.0=sha256:api2\n", Files.readString(images));
    }

    @Test
    void aReadmeBesideTheDumpsTravelsButIsNoDump() throws IOException {
        project();
        write("dumps/README.md", "how to refresh\n");
        Map<String, String> entries = entries(pack("r.zip"));
        assertTrue(entries.containsKey("dumps/README.md"));
        String manifest = entries.get("devstack-manifest.yaml");
        assertTrue(manifest.contains("dumps/db/catalog.sql") && !manifest.contains("README"), manifest);
    }
}
