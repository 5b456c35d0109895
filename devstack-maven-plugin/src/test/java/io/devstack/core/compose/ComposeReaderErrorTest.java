package io.devstack.core.compose;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every compose error names the file, the line and the key path, and says what is wrong. */
class ComposeReaderErrorTest {
    @TempDir
    Path dir;

    private Path composeFile;

    private ComposeFileException fails(String... lines) throws IOException {
        composeFile = dir.resolve("compose.yaml");
        Files.writeString(composeFile, String.join("\n", lines) + "\n");
        return assertThrows(ComposeFileException.class, () -> new ComposeReader(w -> { })
                .read(new ComposeRequest(dir, List.of(composeFile), null, Map.of())));
    }

    private void assertLocation(ComposeFileException e, int line, String keyPath) {
        String message = e.getMessage();
        assertTrue(message.startsWith(composeFile + " line " + line + " (" + keyPath + "): "), message);
        assertEquals(composeFile, e.file());
        assertEquals(line, e.line());
        assertEquals(keyPath, e.key());
    }

    private static void assertMentions(ComposeFileException e, String text) {
        assertTrue(e.getMessage().contains(text), e.getMessage());
    }

    @Test
    void aMisspelledServiceKeyIsAnErrorWithTheNearestKey() throws IOException {
        var e = fails(
                "services:",
                "  app:",
                "    image: app",
                "    enviroment:",
                "      DB_URL: jdbc:x");
        assertLocation(e, 4, "services.app.enviroment");
        assertMentions(e, "`enviroment` is not a key of the compose specification for a service; did you mean "
                + "`environment`?");
    }

    @Test
    void aMisspelledTopLevelKeyIsAnErrorWithTheNearestKey() throws IOException {
        var e = fails(
                "services:",
                "  app:",
                "    image: app",
                "volume:",
                "  data: {}");
        assertLocation(e, 4, "volume");
        assertMentions(e, "did you mean `volumes`?");
    }

    @Test
    void aKeyFarFromEveryKnownOneSaysWhereToLook() throws IOException {
        var e = fails(
                "services:",
                "  app:",
                "    image: app",
                "    frobnicate: true");
        assertMentions(e, "`frobnicate` is not a key of the compose specification for a service; see the compose "
                + "specification for the keys a service may have");
    }

    @Test
    void invalidYamlNamesFileAndLine() throws IOException {
        var e = fails(
                "services:",
                "  web:",
                "    image: nginx: latest",
                "    ports:",
                "      - \"80:80\"");
        assertTrue(e.getMessage().startsWith(composeFile + " line 3 (services.web.image): invalid YAML: "),
                e.getMessage());
        assertEquals(3, e.line());
    }

    @Test
    void badIndentationIsInvalidYaml() throws IOException {
        var e = fails(
                "services:",
                "  web:",
                "    image: nginx",
                "   ports:",
                "      - \"80:80\"");
        assertTrue(e.getMessage().startsWith(composeFile + " line 4 (services.web.ports): invalid YAML: "),
                e.getMessage());
    }

    @Test
    void emptyFile() throws IOException {
        var e = fails("");
        assertMentions(e, "the file is empty");
    }

    @Test
    void unknownServiceInDependsOn() throws IOException {
        var e = fails(
                "services:",
                "  web:",
                "    image: nginx",
                "    depends_on: [api, databse]",
                "  api:",
                "    image: api");
        assertLocation(e, 4, "services.web.depends_on");
        assertMentions(e, "service \"web\" depends on \"databse\", which is not defined; known services: web, api");
    }

    @Test
    void dependencyCycle() throws IOException {
        var e = fails(
                "services:",
                "  a:",
                "    image: busybox",
                "    depends_on: [b]",
                "  b:",
                "    image: busybox",
                "    depends_on: [a]");
        assertLocation(e, 4, "services.a.depends_on");
        assertMentions(e, "dependency cycle a -> b -> a");
    }

    @Test
    void serviceDependingOnItself() throws IOException {
        var e = fails(
                "services:",
                "  a:",
                "    image: busybox",
                "    depends_on: [a]");
        assertMentions(e, "dependency cycle a -> a");
    }

    @Test
    void unknownDependencyCondition() throws IOException {
        var e = fails(
                "services:",
                "  web:",
                "    image: nginx",
                "    depends_on:",
                "      db: {condition: service_ready}",
                "  db:",
                "    image: postgres");
        assertLocation(e, 5, "services.web.depends_on.db.condition");
        assertMentions(e, "unknown condition \"service_ready\"");
    }

    @Test
    void requiredVariableUndefined() throws IOException {
        var e = fails(
                "services:",
                "  api:",
                "    image: registry.example.com/api:${API_TAG:?set API_TAG to the release to run}");
        assertLocation(e, 3, "services.api.image");
        assertMentions(e, "required variable API_TAG is not set: set API_TAG to the release to run");
    }

    @Test
    void unclosedVariable() throws IOException {
        var e = fails(
                "services:",
                "  api:",
                "    image: api",
                "    environment:",
                "      PRICE: \"${CURRENCY\"");
        assertLocation(e, 5, "services.api.environment.PRICE");
        assertMentions(e, "unclosed '${'");
    }

    @Test
    void portsGivenAsANumberInsteadOfAList() throws IOException {
        var e = fails(
                "services:",
                "  web:",
                "    image: nginx",
                "    ports: 8080");
        assertLocation(e, 4, "services.web.ports");
        assertMentions(e, "expected a list but found \"8080\"");
    }

    @Test
    void environmentGivenAsAString() throws IOException {
        var e = fails(
                "services:",
                "  web:",
                "    image: nginx",
                "    environment: DEBUG=1");
        assertLocation(e, 4, "services.web.environment");
        assertMentions(e, "expected a mapping");
    }

    @Test
    void retriesNotANumber() throws IOException {
        var e = fails(
                "services:",
                "  web:",
                "    image: nginx",
                "    healthcheck:",
                "      test: curl -f http://localhost",
                "      retries: many");
        assertLocation(e, 6, "services.web.healthcheck.retries");
        assertMentions(e, "expected a whole number but found \"many\"");
    }

    @Test
    void badDuration() throws IOException {
        var e = fails(
                "services:",
                "  web:",
                "    image: nginx",
                "    healthcheck:",
                "      test: curl -f http://localhost",
                "      interval: 5 seconds");
        assertLocation(e, 6, "services.web.healthcheck.interval");
        assertMentions(e, "expected a duration");
    }

    @Test
    void undeclaredNamedVolume() throws IOException {
        var e = fails(
                "services:",
                "  db:",
                "    image: postgres",
                "    volumes:",
                "      - ./init:/docker-entrypoint-initdb.d",
                "      - pgdata:/var/lib/postgresql/data",
                "volumes:",
                "  db-data:");
        assertLocation(e, 6, "services.db.volumes[1]");
        assertMentions(e, "volume \"pgdata\" is not declared");
    }

    @Test
    void relativeContainerPath() throws IOException {
        var e = fails(
                "services:",
                "  db:",
                "    image: postgres",
                "    volumes:",
                "      - ./init:docker-entrypoint-initdb.d");
        assertLocation(e, 5, "services.db.volumes[0]");
        assertMentions(e, "must be absolute");
    }

    @Test
    void serviceWithNeitherImageNorBuild() throws IOException {
        var e = fails(
                "services:",
                "  web:",
                "    image: nginx",
                "  worker:",
                "    command: ./run-jobs.sh");
        assertMentions(e, "service has neither image: nor build:");
        assertTrue(e.line() == 4 || e.line() == 5, "line of the service, was " + e.line());
        assertLocation(e, e.line(), "services.worker");
    }

    @Test
    void serviceWithNeitherImageNorBuildNamesFileAndService() throws IOException {
        // what works today, while serviceWithNeitherImageNorBuild is disabled
        var e = fails(
                "services:",
                "  worker:",
                "    command: ./run-jobs.sh");
        assertMentions(e, composeFile.toString());
        assertMentions(e, "(services.worker)");
        assertMentions(e, "service has neither image: nor build:");
    }

    @Test
    void buildContextWithoutDockerfile() throws IOException {
        Files.createDirectories(dir.resolve("api"));
        var e = fails(
                "services:",
                "  api:",
                "    build: {context: ./api}");
        assertLocation(e, 3, "services.api.build");
        assertMentions(e, "no Dockerfile at " + dir.resolve("api/Dockerfile"));
    }

    @Test
    void buildContextMissing() throws IOException {
        var e = fails(
                "services:",
                "  api:",
                "    build:",
                "      context: ./missing");
        assertLocation(e, 4, "services.api.build.context");
        assertMentions(e, "is not a directory");
    }

    @Test
    void shortBuildContextMissing() throws IOException {
        var e = fails(
                "services:",
                "  api:",
                "    build: ./missing");
        assertLocation(e, 3, "services.api.build");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "80a:80          | invalid host port \"80a\"",
            "8080:http       | invalid container port \"http\"",
            "70000:80        | invalid host port \"70000\"",
            "8080:80/tcpx    | unknown protocol \"tcpx\"",
            "9000-9001:9000  | differ in length",
            "1:2:3:4         | expected [IP:][HOST:]CONTAINER[/PROTOCOL]",
            "[::1:8080:80    | malformed IPv6 address",
            "9002-9000:80    | invalid host port \"9002-9000\"",
    })
    void badPortText(String port, String problem) throws IOException {
        var e = fails(
                "services:",
                "  web:",
                "    image: nginx",
                "    ports:",
                "      - \"8443:443\"",
                "      - \"" + port + "\"");
        assertLocation(e, 6, "services.web.ports[1]");
        assertMentions(e, problem);
    }

    @Test
    void longPortSyntaxWithoutTarget() throws IOException {
        var e = fails(
                "services:",
                "  web:",
                "    image: nginx",
                "    ports:",
                "      - published: 8080");
        assertLocation(e, 5, "services.web.ports[0]");
        assertMentions(e, "needs target:");
    }

    @Test
    void unclosedQuoteInCommand() throws IOException {
        var e = fails(
                "services:",
                "  web:",
                "    image: nginx",
                "    command: sh -c 'echo hi");
        assertLocation(e, 4, "services.web.command");
        assertMentions(e, "unclosed ' quote");
    }

    @Test
    void missingEnvFile() throws IOException {
        var e = fails(
                "services:",
                "  web:",
                "    image: nginx",
                "    env_file: web.env");
        assertLocation(e, 4, "services.web.env_file");
        assertMentions(e, "web.env does not exist");
    }

    @Test
    void malformedDotEnvNamesItsOwnFileAndLine() throws IOException {
        Files.writeString(dir.resolve(".env"), "TAG=1\nnot a variable\n");
        var e = fails(
                "services:",
                "  web:",
                "    image: nginx:${TAG}");
        assertTrue(e.getMessage().startsWith(dir.resolve(".env") + " line 2: "), e.getMessage());
    }

    @Test
    void noServices() throws IOException {
        var e = fails("volumes:", "  data:");
        assertMentions(e, composeFile.toString());
        assertMentions(e, "no services defined");
    }

    @Test
    void duplicateServiceKey() throws IOException {
        var e = fails(
                "services:",
                "  web:",
                "    image: nginx:1.27",
                "    image: nginx:1.25");
        assertTrue(e.getMessage().startsWith(composeFile + " line 4"), e.getMessage());
        assertMentions(e, "image");
        assertMentions(e, "duplicate");
    }

    @Test
    void duplicateServiceName() throws IOException {
        var e = fails(
                "services:",
                "  web:",
                "    image: nginx",
                "  web:",
                "    image: httpd");
        assertTrue(e.getMessage().startsWith(composeFile + " line 4"), e.getMessage());
        assertMentions(e, "web");
        assertMentions(e, "duplicate");
    }
}
