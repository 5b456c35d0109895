package io.devstack.core.compose;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComposeFilesTest {
    @TempDir
    Path dir;

    @Test
    void defaultFileComesWithItsOverrideAsWithTheComposeCli() throws IOException {
        Files.writeString(dir.resolve("compose.yaml"), "services: {}\n");
        assertEquals(List.of(dir.resolve("compose.yaml")), ComposeFiles.locate(dir, List.of()));
        Files.writeString(dir.resolve("compose.override.yml"), "services: {}\n");
        assertEquals(List.of(dir.resolve("compose.yaml"), dir.resolve("compose.override.yml")),
                ComposeFiles.locate(dir, List.of()));
    }

    @Test
    void overrideIsTheFirstFoundInTheComposeClisOrderWhateverTheDefaultFile() throws IOException {
        Files.writeString(dir.resolve("docker-compose.yml"), "services: {}\n");
        Files.writeString(dir.resolve("docker-compose.override.yaml"), "services: {}\n");
        assertEquals(List.of(dir.resolve("docker-compose.yml"), dir.resolve("docker-compose.override.yaml")),
                ComposeFiles.locate(dir, List.of()));
        Files.writeString(dir.resolve("compose.override.yaml"), "services: {}\n");
        Files.writeString(dir.resolve("compose.override.yml"), "services: {}\n");
        assertEquals(List.of(dir.resolve("docker-compose.yml"), dir.resolve("compose.override.yml")),
                ComposeFiles.locate(dir, List.of()), "compose.override.yml comes first, as in compose-go");
    }

    @Test
    void filesNamedExplicitlyAreTakenAsGivenWithoutOverrides() throws IOException {
        Files.writeString(dir.resolve("compose.yaml"), "services: {}\n");
        Files.writeString(dir.resolve("compose.override.yaml"), "services: {}\n");
        assertEquals(List.of(dir.resolve("compose.yaml")), ComposeFiles.locate(dir, List.of("compose.yaml")));
        ComposeFileException e = assertThrows(ComposeFileException.class,
                () -> ComposeFiles.locate(dir, List.of("missing.yaml")));
        assertTrue(e.getMessage().contains("missing.yaml"), e.getMessage());
    }
}
