package io.devstack.core.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DockerfileTemplateTest {
    @TempDir
    Path dir;

    private static Map<String, Object> model() {
        return Map.of("baseImage", "base:1", "layers", List.of(
                        Map.of("name", "dependencies", "source", "layers/dependencies/", "target", "/app/libs/"),
                        Map.of("name", "classes", "source", "layers/classes/", "target", "/app/classes/")),
                "mainClass", "com.example.Main", "user", "1000:1000", "jvmFlags", List.of("-Xmx256m"),
                "expose", List.of("8080"), "classpath", "/app/classes:/app/libs/*", "image", "app:1");
    }

    @Test
    void defaultTemplateOrdersLayersAndRunsTheMainClass() {
        String dockerfile = DockerfileTemplate.render(null, model());
        SimpleDockerfile df = SimpleDockerfile.parse(dockerfile).orElseThrow();
        assertEquals("base:1", df.from());
        assertEquals(List.of(new SimpleDockerfile.Copy("layers/dependencies/", "/app/libs/"),
                new SimpleDockerfile.Copy("layers/classes/", "/app/classes/")), df.copies());
        assertEquals(List.of("java", "-Xmx256m", "-cp", "/app/classes:/app/libs/*", "com.example.Main"),
                df.entrypoint());
        assertEquals("1000:1000", df.user());
    }

    @Test
    void syntaxErrorNamesTemplateAndLine() throws IOException {
        Path template = dir.resolve("Dockerfile.ftl");
        Files.writeString(template, "FROM ${baseImage}\n<#list layers as layer>\nCOPY ${layer.source} ${layer.target}\n");
        TemplateFailedException e = assertThrows(TemplateFailedException.class,
                () -> DockerfileTemplate.render(template, model()));
        assertTrue(e.getMessage().startsWith(template + " line "), e.getMessage());
    }

    @Test
    void undefinedVariableNamesLineAndTheModel() throws IOException {
        Path template = dir.resolve("Dockerfile.ftl");
        Files.writeString(template, "FROM ${baseImage}\nUSER ${nobody}\n");
        TemplateFailedException e = assertThrows(TemplateFailedException.class,
                () -> DockerfileTemplate.render(template, model()));
        assertTrue(e.getMessage().startsWith(template + " line 2: "), e.getMessage());
        assertTrue(e.getMessage().contains("nobody"), "names the variable: " + e.getMessage());
        assertTrue(e.getMessage().contains("mainClass"), e.getMessage());
    }
}
