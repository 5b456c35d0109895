package io.devstack.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Errors name the file, line and key … and are reported before anything is started": for each kind of broken
 * compose file, up fails with exactly one goal failure line naming compose.yaml, the line and the key path, and
 * the project has no container, network or volume afterwards. Each file also has a valid service with a named
 * volume, so a check done too late would leave something behind.
 */
class BadComposeIT {
    private static final String PROJECT = "dsit-bad";

    /** Lines 1-8 of every case: a valid service "ok" (with a volume) and the start of service "web". */
    private static final String HEAD = """
            services:
              ok:
                image: devstack-it/debian:bookworm
                command: ["sleep", "infinity"]
                volumes:
                  - data:/data
              web:
                image: devstack-it/debian:bookworm
            """;
    private static final String VOLUMES = """
            volumes:
              data: {}
            """;

    @AfterEach
    void cleanUp() {
        DockerCli.purge(PROJECT);
    }

    /** Runs up on the compose file and returns the one goal failure line, having checked nothing was created. */
    private String rejected(String compose) {
        TestProject project = TestProject.of(PROJECT, "bad-compose").file("compose.yaml", compose);
        BuildResult build = project.mvn("devstack:up").assertFailure();
        String error = build.goalError();
        build.assertLogLacks("\tat ").assertLogLacks("Caused by");
        assertEquals(List.of(), DockerCli.containers(PROJECT), "no container");
        assertEquals(List.of(), DockerCli.networks(PROJECT), "no network");
        assertEquals(List.of(), DockerCli.volumes(PROJECT), "no volume");
        return error;
    }

    private static void assertNames(String error, String location, String problem) {
        assertTrue(error.contains(location), () -> "expected \"" + location + "\" in: " + error);
        assertTrue(error.contains(problem), () -> "expected \"" + problem + "\" in: " + error);
    }

    /** File and line are checked first; the key path last, as the README promises it for every error. */
    @Test
    void invalidYamlNamesFileLineAndKeyPath() {
        String error = rejected(HEAD + "    command: sleep: infinity\n" + VOLUMES);
        assertNames(error, "compose.yaml line 9", "invalid YAML: mapping values are not allowed here");
        assertNames(error, "compose.yaml line 9 (services.web.command)", "invalid YAML");
    }

    @Test
    void portsGivenAsANumberInsteadOfAList() {
        String error = rejected(HEAD + "    ports: 8080\n" + VOLUMES);
        assertNames(error, "compose.yaml line 9 (services.web.ports)", "expected a list but found \"8080\"");
    }

    @Test
    void dependsOnAnUnknownService() {
        String error = rejected(HEAD + "    depends_on: [cache]\n" + VOLUMES);
        assertNames(error, "compose.yaml line 9 (services.web.depends_on)",
                "service \"web\" depends on \"cache\", which is not defined; known services: ok, web");
    }

    @Test
    void dependencyCycle() {
        String compose = """
                services:
                  ok:
                    image: devstack-it/debian:bookworm
                    volumes:
                      - data:/data
                    depends_on:
                      - web
                  web:
                    image: devstack-it/debian:bookworm
                    depends_on:
                      - ok
                """ + VOLUMES;
        String error = rejected(compose);
        assertNames(error, "compose.yaml line 6 (services.ok.depends_on)", "dependency cycle ok -> web -> ok");
    }

    @Test
    void undefinedRequiredVariable() {
        String error = rejected(HEAD + "    environment:\n      GREETING: ${DSIT_BAD_X:?must be set}\n" + VOLUMES);
        assertNames(error, "compose.yaml line 10 (services.web.environment.GREETING)",
                "required variable DSIT_BAD_X is not set: must be set");
    }

    @Test
    void rejectedKeyNetworkModeHost() {
        String error = rejected(HEAD + "    network_mode: host\n" + VOLUMES);
        assertNames(error, "compose.yaml line 9 (services.web.network_mode)", "network_mode is not supported by devstack");
    }
}
