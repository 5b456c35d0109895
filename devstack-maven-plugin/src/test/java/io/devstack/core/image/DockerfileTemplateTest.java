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

    @Test
    void aRenderingIsRememberedByTemplateAndModelAndRedoneWhenEitherChanges(@org.junit.jupiter.api.io.TempDir
                                                                           java.nio.file.Path dir) throws Exception {
        java.nio.file.Path template = java.nio.file.Files.writeString(dir.resolve("Dockerfile.ftl"),
                "FROM ${baseImage}\n");
        java.nio.file.Path cache = dir.resolve("target/Dockerfile.rendered");
        assertEquals("FROM base:1\n", DockerfileTemplate.render(template, model(), cache));
        String remembered = java.nio.file.Files.readString(cache);
        java.nio.file.Files.writeString(cache, remembered.replace("FROM base:1", "FROM from-the-cache"));
        assertEquals("FROM from-the-cache\n", DockerfileTemplate.render(template, model(), cache),
                "the same template and model: not rendered again");
        Map<String, Object> other = new java.util.HashMap<>(model());
        other.put("baseImage", "base:2");
        assertEquals("FROM base:2\n", DockerfileTemplate.render(template, other, cache), "another model");
        java.nio.file.Files.writeString(template, "FROM ${baseImage}\nUSER ${user}\n");
        assertEquals("FROM base:2\nUSER 1000:1000\n", DockerfileTemplate.render(template, other, cache),
                "another template");
    }
}
