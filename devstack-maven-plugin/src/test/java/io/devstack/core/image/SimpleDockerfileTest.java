package io.devstack.core.image;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimpleDockerfileTest {
    @Test
    void readsTheInstructionsItCanAssemble() {
        SimpleDockerfile df = SimpleDockerfile.parse(String.join("\n",
                "# comment",
                "FROM eclipse-temurin:17-jre",
                "COPY layers/dependencies/ /app/libs/",
                "ENV A=1 B=\"two words\"",
                "ENV LEGACY value with spaces",
                "LABEL team=core",
                "WORKDIR /app",
                "USER 1000:1000",
                "EXPOSE 8080 9000/udp",
                "ENTRYPOINT [\"java\", \\",
                "  \"-cp\", \"/app/classes\", \"Main\"]",
                "CMD --verbose")).orElseThrow();
        assertEquals("eclipse-temurin:17-jre", df.from());
        assertEquals(List.of(new SimpleDockerfile.Copy("layers/dependencies/", "/app/libs/")), df.copies());
        assertEquals(Map.of("A", "1", "B", "two words", "LEGACY", "value with spaces"), df.env());
        assertEquals(Map.of("team", "core"), df.labels());
        assertEquals("/app", df.workdir());
        assertEquals("1000:1000", df.user());
        assertEquals(List.of("8080/tcp", "9000/udp"), df.expose());
        assertEquals(List.of("java", "-cp", "/app/classes", "Main"), df.entrypoint());
        assertEquals(List.of("/bin/sh", "-c", "--verbose"), df.cmd());
    }

    @Test
    void anythingElseNeedsTheBuilder() {
        assertTrue(SimpleDockerfile.parse("FROM a\nRUN apt-get update\n").isEmpty());
        assertTrue(SimpleDockerfile.parse("FROM a AS build\nFROM b\n").isEmpty());
        assertTrue(SimpleDockerfile.parse("FROM a\nCOPY --chown=1 x /y\n").isEmpty());
        assertTrue(SimpleDockerfile.parse("FROM a\nADD x /y\n").isEmpty());
        assertTrue(SimpleDockerfile.parse("COPY x /y\n").isEmpty());
    }
}
