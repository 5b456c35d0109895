package io.devstack.core.up;

import io.devstack.core.DevstackException;
import io.devstack.core.Progress;
import io.devstack.core.compose.ComposeRequest;
import io.devstack.core.engine.FakeEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input, each case one clear error before anything is changed: {@code up} on a malformed compose file or dump
 * fails with a devstack error whose message names the file (and line or key where there is one) and what to do,
 * carries no stack-trace or JSON residue, and leaves the engine untouched (no network, volume or container).
 */
class BadInputCorpusTest {
    private static final String OK_DB = "services:\n  db:\n    image: mariadb:11\n    environment:\n"
            + "      MARIADB_ROOT_PASSWORD: x\n";

    /** One malformed project: its files (text, or bytes for encodings) and what the message must say. */
    record Case(String name, Map<String, Object> files, List<String> mentions) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case compose(String name, String text, String... mentions) {
        return new Case(name, Map.of("compose.yaml", text), List.of(mentions));
    }

    private static Case files(String name, Map<String, Object> files, String... mentions) {
        return new Case(name, files, List.of(mentions));
    }

    static Stream<Case> corpus() {
        StringBuilder bomb = new StringBuilder("x-a: &a [1, 2]\n");
        for (int i = 0; i < 60; i++) {
            bomb.append("x-b").append(i).append(": [*a, *a]\n");
        }
        bomb.append("services:\n  db:\n    image: mariadb:11\n");
        String deep = "services:\n  db:\n    image: mariadb:11\n    labels:\n" + "      - ".repeat(1)
                + "[".repeat(60) + "]".repeat(60) + "\n";
        byte[] latin1 = "services:\n  db:\n    image: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        return Stream.of(
                compose("invalid YAML", "services:\n  db:\n    image: a: b\n", "compose.yaml line 3", "invalid YAML"),
                compose("bad indentation", "services:\n  db:\n image: x\n   ports: []\n", "compose.yaml line", "invalid YAML"),
                compose("a tab indents", "services:\n\tdb:\n    image: x\n", "compose.yaml line 2", "invalid YAML"),
                compose("empty file", "", "compose.yaml", "the file is empty; add a services: section"),
                compose("misspelled service key", OK_DB + "    enviroment:\n      A: b\n", "compose.yaml line 6",
                        "did you mean `environment`?"),
                compose("misspelled top-level key", OK_DB + "volume:\n  data: {}\n", "compose.yaml line 6",
                        "did you mean `volumes`?"),
                compose("misspelled depends_on", OK_DB + "  app:\n    image: x\n    depend_on: [db]\n",
                        "did you mean `depends_on`?"),
                compose("a key devstack refuses", OK_DB + "    network_mode: host\n", "compose.yaml line 6",
                        "network_mode is not supported by devstack"),
                compose("duplicate key", OK_DB + "    image: other\n", "duplicate key \"image\""),
                compose("unknown dependency", OK_DB + "  app:\n    image: x\n    depends_on: [dbb]\n", "dbb"),
                compose("dependency cycle", "services:\n  a:\n    image: x\n    depends_on: [b]\n  b:\n    image: x\n"
                        + "    depends_on: [a]\n", "cycle"),
                compose("unknown condition", OK_DB + "  app:\n    image: x\n    depends_on:\n      db:\n"
                        + "        condition: service_happy\n", "service_happy"),
                compose("required variable unset", "services:\n  db:\n    image: ${DB_IMAGE:?set DB_IMAGE}\n",
                        "compose.yaml line 3", "set DB_IMAGE"),
                compose("unclosed variable", "services:\n  db:\n    image: ${DB_IMAGE\n", "compose.yaml line 3"),
                compose("ports as a number", OK_DB + "    ports: 3306\n", "compose.yaml line 6", "ports"),
                compose("environment as a string", "services:\n  db:\n    image: x\n    environment: A=b\n",
                        "compose.yaml line 4", "environment"),
                compose("retries not a number", OK_DB + "    healthcheck:\n      test: [\"CMD\", \"true\"]\n"
                        + "      retries: many\n", "compose.yaml line 8", "retries"),
                compose("bad duration", OK_DB + "    stop_grace_period: 10 seconds\n", "compose.yaml line 6"),
                compose("undeclared volume", OK_DB + "    volumes:\n      - data:/var/lib/mysql\n",
                        "compose.yaml line 7", "data"),
                compose("relative container path", OK_DB + "    volumes:\n      - ./x:data\n", "compose.yaml line 7"),
                compose("neither image nor build", "services:\n  db:\n    restart: always\n",
                        "neither image: nor build:"),
                compose("bad service name", "services:\n  \"my db\":\n    image: x\n", "service names may use"),
                compose("bad port", OK_DB + "    ports:\n      - \"abc:3306\"\n", "compose.yaml line 7"),
                compose("image missing offline", OK_DB + "  app:\n    image: ghost:1\n", "ghost:1"),
                compose("bad pull_policy", OK_DB + "    pull_policy: sometimes\n", "compose.yaml line 6", "sometimes"),
                compose("alias bomb", bomb.toString(), "compose.yaml", "aliases"),
                compose("nesting too deep", deep, "compose.yaml", "deep"),
                files("not UTF-8", Map.of("compose.yaml", latin1), "compose.yaml", "is not valid UTF-8"),
                files(".env not UTF-8", Map.of("compose.yaml", OK_DB, ".env", new byte[] {'A', '=', (byte) 0xe9, '\n'}),
                        ".env", "is not valid UTF-8"),
                compose("missing bind source", OK_DB + "    volumes:\n      - ./no-such-dir:/etc/mysql/conf.d\n",
                        "services.db.volumes", "no-such-dir, which does not exist; create it or fix the path"),
                files("dumps for no service", Map.of("compose.yaml", OK_DB, "dumps/dbb/app.sql", "SELECT 1;\n"),
                        "dumps/dbb names no service of the compose file; rename it to one of: db"),
                files("dumps for a service without a database", Map.of("compose.yaml", OK_DB
                        + "  web:\n    image: nginx\n", "dumps/web/app.sql", "SELECT 1;\n"),
                        "dumps/web holds dumps, but devstack cannot tell which database service web runs"),
                files("dump with an unusable name", Map.of("compose.yaml", OK_DB, "dumps/db/my app.sql", "SELECT 1;\n"),
                        "my app.sql", "is not a usable database name"),
                files("gz dump that is not gzip", Map.of("compose.yaml", OK_DB, "dumps/db/app.sql.gz", "SELECT 1;\n"),
                        "app.sql.gz is not a gzip file"),
                files("a directory named like a dump", Map.of("compose.yaml", OK_DB, "dumps/db/app.sql/x", "y"),
                        "app.sql is not a file"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void failsWithOneClearErrorAndChangesNothing(Case c, @org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        for (Map.Entry<String, Object> file : c.files().entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            if (file.getValue() instanceof byte[] bytes) {
                Files.write(path, bytes);
            } else {
                Files.writeString(path, (String) file.getValue());
            }
        }
        FakeEngine engine = new FakeEngine().image("mariadb:11", "sha256:db").image("x", "sha256:x")
                .image("nginx", "sha256:nginx");
        UpRequest request = new UpRequest(new ComposeRequest(dir, List.of(dir.resolve("compose.yaml")), "p",
                Map.of()), dir.resolve("dumps"), Duration.ofSeconds(1), new LinkedHashMap<>(), false, false);
        DevstackException e = assertThrows(DevstackException.class,
                () -> new StackUp(engine, Progress.NONE).run(request));
        String message = e.getMessage();
        for (String mention : c.mentions()) {
            assertTrue(message.contains(mention), () -> "expected \"" + mention + "\" in: " + message);
        }
        for (String residue : List.of("Exception", "\tat ", "Status 4", "\\\"", "{\"message\"", "null")) {
            assertFalse(message.contains(residue), () -> "no \"" + residue + "\" in: " + message);
        }
        assertEquals(1, message.lines().count(), () -> "one line: " + message);
        assertEquals(List.of(), engine.changes, "nothing was created");
    }
}
