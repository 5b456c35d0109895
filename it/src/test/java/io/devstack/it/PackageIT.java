package io.devstack.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * devstack:package, bound to the package phase: {@code mvn install} puts {@code catalog-1.4.0-devstack.zip} (type zip,
 * classifier devstack) into the local repository like any artifact, with the compose file and what it needs, the
 * dumps, the provision scripts and a manifest; a second build gives the same bytes; a bind mount from outside the
 * project is refused before anything is written.
 */
class PackageIT {
    private static final String PROJECT = "dsit-package";

    @AfterEach
    void cleanUp() {
        DumpSupport.purge(PROJECT);
    }

    @Test
    void installPublishesAReproducibleStackArtifact() throws IOException {
        TestProject project = TestProject.of(PROJECT, "package-provider");
        project.mvn("install").assertSuccess()
                .assertLogContains("packaged stack org.example.it:catalog:1.4.0 (1 service, 1 dump, 7 files) as "
                        + "target/catalog-1.4.0-devstack.zip");
        Path installed = Path.of(System.getProperty("it.repo"), "org/example/it/catalog/1.4.0/catalog-1.4.0-devstack.zip");
        assertTrue(Files.isRegularFile(installed), "installed into the local repository: " + installed);
        Map<String, String> entries = entries(installed);
        assertEquals(List.of(".env", "compose.yaml", "conf/devstack.cnf", "db.env", "devstack-manifest.yaml",
                "dumps/db/catalog.sql", "provision/db/10-reader.sql"), List.copyOf(entries.keySet()));
        String manifest = entries.get("devstack-manifest.yaml");
        assertTrue(manifest.contains("coordinates: \"org.example.it:catalog:1.4.0\"\nproject: \"catalog\"\n"), manifest);
        assertTrue(manifest.contains("  - service: \"db\"\n    image: \"" + TestProject.MARIADB_IMAGE + "\"\n"
                + "    built: false\n    id: \"sha256:"), "the image with its id on this engine:\n" + manifest);
        assertTrue(manifest.contains("  - path: \"dumps/db/catalog.sql\"\n    sha256: "
                + DumpSupport.sha256(project.dir.resolve("dumps/db/catalog.sql"))), manifest);

        byte[] first = Files.readAllBytes(installed);
        project.file("dumps/db/catalog.sql", project.read("dumps/db/catalog.sql")); // new mtime, same bytes
        project.mvn("install").assertSuccess();
        assertArrayEquals(first, Files.readAllBytes(installed), "the same inputs give the same artifact");

        // what cannot travel is refused, and nothing is written
        Files.delete(project.dir.resolve("target/catalog-1.4.0-devstack.zip"));
        project.file("compose.yaml", project.read("compose.yaml").replace("./conf/devstack.cnf", "/etc/hostname"));
        String error = project.mvn("package").assertFailure().goalError();
        assertTrue(error.contains("compose.yaml (services.db.volumes): service db mounts /etc/hostname, which is "
                + "outside the project"), error);
        assertFalse(Files.exists(project.dir.resolve("target/catalog-1.4.0-devstack.zip")));
    }

    private static Map<String, String> entries(Path zip) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }
}
