package io.devstack.core.compose;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The project name in the compose CLI's order, and the warning when two default compose files exist. */
class ProjectNameTest {
    @TempDir
    Path dir;
    private final List<String> warnings = new ArrayList<>();

    private String project(String explicit, Map<String, String> environment) throws IOException {
        Path work = Files.createDirectories(dir.resolve("My_Shop"));
        if (!Files.exists(work.resolve("compose.yaml"))) {
            Files.writeString(work.resolve("compose.yaml"), "name: from-file\nservices:\n  db:\n    image: x\n");
        }
        return new ComposeReader(warnings::add).read(new ComposeRequest(work, ComposeFiles.locate(work, List.of()),
                explicit, environment)).project();
    }

    @Test
    void composeProjectNameComesAfterTheExplicitNameAndBeforeTheFilesName() throws IOException {
        assertEquals("from-file", project(null, Map.of()));
        assertEquals("ci-42", project(null, Map.of("COMPOSE_PROJECT_NAME", "CI-42")));
        assertEquals("mine", project("mine", Map.of("COMPOSE_PROJECT_NAME", "ci-42")));
        Files.writeString(dir.resolve("My_Shop/.env"), "COMPOSE_PROJECT_NAME=from-dotenv\n");
        assertEquals("from-dotenv", project(null, Map.of()), "as the CLI, .env may set it");
        assertEquals("ci-42", project(null, Map.of("COMPOSE_PROJECT_NAME", "ci-42")), "the environment wins over .env");
    }

    @Test
    void aSecondDefaultComposeFileIsNamedInAWarning() throws IOException {
        Path work = Files.createDirectories(dir.resolve("My_Shop"));
        Files.writeString(work.resolve("docker-compose.yml"), "services:\n  old:\n    image: y\n");
        project(null, Map.of());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("found more than one compose file: compose.yaml is "
                + "used and docker-compose.yml is not (as with the compose CLI)")), warnings::toString);
    }
}
