package io.devstack.core.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The base image: the POM or -D first, then DEVSTACK_BASE_IMAGE from the environment, then from .env. */
class BaseImageTest {
    @TempDir
    Path dir;

    @Test
    void theConfiguredImageWinsThenTheEnvironmentThenDotEnvThenTheDefault() throws IOException {
        assertEquals("eclipse-temurin:17-jre", BaseImage.choose(null, Map.of(), dir));
        Files.writeString(dir.resolve(".env"), "DEVSTACK_BASE_IMAGE=local/jre:21\n");
        assertEquals("local/jre:21", BaseImage.choose(null, Map.of(), dir));
        assertEquals("ci/jre:21", BaseImage.choose(" ", Map.of("DEVSTACK_BASE_IMAGE", "ci/jre:21"), dir));
        assertEquals("pom/jre:17", BaseImage.choose("pom/jre:17", Map.of("DEVSTACK_BASE_IMAGE", "ci/jre:21"), dir));
    }
}
