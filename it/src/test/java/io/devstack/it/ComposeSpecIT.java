package io.devstack.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One {@code up} of a stack of small services (src/it/compose-spec) with an override file, then a second one with
 * a profile enabled. Each test checks one promise of "What up does with your compose file" on the real containers:
 * healthchecks, depends_on conditions, profiles, override merging, interpolation, networks with aliases, tmpfs,
 * labels, container_name and ports on 127.0.0.1.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeSpecIT {
    private static final String PROJECT = "dsit-spec";
    private static final String FILES = "-Ddevstack.composeFile=compose.yaml,compose.override.yaml";
    private TestProject project;
    private BuildResult firstUp;
    private int webPort;

    @BeforeAll
    void upOnce() {
        project = TestProject.of(PROJECT, "compose-spec");
        webPort = TestProject.freePort();
        project.env("SPEC_WEB_PORT", String.valueOf(webPort)).env("SPEC_BOTH", "from-process");
        firstUp = project.mvn("devstack:up", FILES);
    }

    @AfterAll
    void cleanUp() {
        DockerCli.purge(PROJECT);
    }

    private String container(String service) {
        return DockerCli.containerOf(PROJECT, service);
    }

    @Test
    @Order(1)
    void upStartsEveryServiceWithoutAProfileAndReportsHowEachBecameReady() {
        firstUp.assertSuccess()
                .assertLogContains("service init created and completed successfully")
                .assertLogContains("service db created and healthy")
                .assertLogContains("service web created and healthy")
                .assertLogContains("service probe created and healthy");
        assertEquals(List.of("db", "init", "probe", "web"),
                List.copyOf(DockerCli.containerIdsByService(PROJECT).keySet()),
                "one container per service; debug is only in profile debug");
        assertEquals("healthy", DockerCli.inspect(container("web"), "{{.State.Health.Status}}"));
        assertEquals("healthy", DockerCli.inspect(container("db"), "{{.State.Health.Status}}"));
        assertEquals("[\"CMD-SHELL\",\"test -d /proc\"]",
                DockerCli.inspect(container("probe"), "{{json .Config.Healthcheck.Test}}"),
                "a healthcheck test given as a string runs through the shell");
        assertEquals("healthy", DockerCli.inspect(container("probe"), "{{.State.Health.Status}}"));
    }

    @Test
    @Order(2)
    void dependsOnWaitsForTheOneShotToCompleteAndTheDatabaseToBeHealthy() {
        String init = container("init");
        assertEquals("exited 0", DockerCli.inspect(init, "{{.State.Status}} {{.State.ExitCode}}"),
                "the one-shot ran to completion");
        String web = container("web");
        Instant initFinished = Instant.parse(DockerCli.inspect(init, "{{.State.FinishedAt}}"));
        Instant webStarted = Instant.parse(DockerCli.inspect(web, "{{.State.StartedAt}}"));
        assertFalse(webStarted.isBefore(initFinished),
                "web started (" + webStarted + ") only after init finished (" + initFinished + ")");
        assertEquals(List.of("prepared", "db-reachable", "home=/root"),
                DockerCli.lines(DockerCli.exec(web, "cat", "/tmp/startup")),
                "at its start web saw init's file and a db that answers on 3306 (service_healthy), and $$ became $");
    }

    @Test
    @Order(3)
    void overrideFileIsMergedKeyByKeyIntoEnvironmentAndLabels() {
        String web = container("web");
        List<String> env = DockerCli.env(web);
        assertTrue(env.contains("FROM_BASE=base"), env::toString);
        assertTrue(env.contains("OVERRIDDEN_BY_FILE=override"), env::toString);
        assertFalse(env.contains("OVERRIDDEN_BY_FILE=base"), env::toString);
        assertTrue(env.contains("FROM_OVERRIDE=yes"), env::toString);
        assertEquals("web", DockerCli.inspect(web, "{{index .Config.Labels \"io.devstack.it.role\"}}"));
        assertEquals("applied", DockerCli.inspect(web, "{{index .Config.Labels \"io.devstack.it.override\"}}"));
        String files = DockerCli.inspect(web, "{{index .Config.Labels \"com.docker.compose.project.config_files\"}}");
        assertTrue(files.contains("compose.yaml") && files.contains("compose.override.yaml"), files);
    }

    @Test
    @Order(4)
    void variablesAreInterpolatedFromTheProcessEnvironmentThenDotEnv() {
        List<String> env = DockerCli.env(container("web"));
        assertTrue(env.contains("WITH_DEFAULT=fallback"), () -> "${SPEC_UNSET:-fallback}: " + env);
        assertTrue(env.contains("DASH_UNSET=dash-default"), () -> "${SPEC_UNSET-dash-default}: " + env);
        assertTrue(env.contains("DASH_EMPTY="), () -> "${SPEC_EMPTY-x} with SPEC_EMPTY= in .env is empty: " + env);
        assertTrue(env.contains("COLON_EMPTY=colon-default"), () -> "${SPEC_EMPTY:-colon-default}: " + env);
        assertTrue(env.contains("LITERAL_DOLLAR=costs $5"), () -> "$$ is a literal dollar: " + env);
        assertTrue(env.contains("FROM_DOTENV=from-dotenv"), () -> "value from .env: " + env);
        assertTrue(env.contains("PROCESS_WINS=from-process"), () -> "process environment beats .env: " + env);
    }

    @Test
    @Order(5)
    void serviceJoinsBothNetworksAndASiblingResolvesItsAlias() {
        String web = container("web");
        assertEquals(List.of(PROJECT + "_back", PROJECT + "_default", PROJECT + "_front"), DockerCli.networksOf(web));
        String aliases = DockerCli.inspect(web,
                "{{json (index .NetworkSettings.Networks \"" + PROJECT + "_back\").Aliases}}");
        assertTrue(aliases.contains("\"api\""), aliases);
        String webIpOnBack = DockerCli.inspect(web,
                "{{(index .NetworkSettings.Networks \"" + PROJECT + "_back\").IPAddress}}");
        String probe = container("probe");
        assertEquals(List.of(PROJECT + "_back"), DockerCli.networksOf(probe));
        String resolved = DockerCli.exec(probe, "getent", "hosts", "api");
        assertTrue(resolved.startsWith(webIpOnBack + " "),
                "probe resolves alias api to web's address on back (" + webIpOnBack + "): " + resolved);
        assertEquals(List.of(PROJECT + "_back", PROJECT + "_default", PROJECT + "_front"),
                DockerCli.networks(PROJECT).stream().map(id -> DockerCli.run("network", "inspect", "--format",
                        "{{.Name}}", id)).sorted().toList(), "the three networks carry the project label");
    }

    @Test
    @Order(6)
    void tmpfsIsMountedAsTmpfs() {
        String mount = DockerCli.exec(container("web"), "findmnt", "-n", "-o", "FSTYPE", "/scratch");
        assertEquals("tmpfs", mount);
        assertTrue(DockerCli.inspect(container("web"), "{{json .HostConfig.Mounts}}").contains("\"Type\":\"tmpfs\""));
    }

    @Test
    @Order(7)
    void labelsInListFormAndProjectLabelsAreSet() {
        String init = container("init");
        assertEquals("one-shot", DockerCli.inspect(init, "{{index .Config.Labels \"io.devstack.it.role\"}}"));
        assertEquals(PROJECT, DockerCli.inspect(init, "{{index .Config.Labels \"io.devstack.project\"}}"));
        assertEquals("init", DockerCli.inspect(init, "{{index .Config.Labels \"com.docker.compose.service\"}}"));
    }

    @Test
    @Order(8)
    void containerNameIsUsedAsGivenAndOthersAreNamedAfterTheProject() {
        assertEquals("/dsit-spec-custom-probe", DockerCli.inspect(container("probe"), "{{.Name}}"));
        assertEquals("/" + PROJECT + "-web-1", DockerCli.inspect(container("web"), "{{.Name}}"));
    }

    @Test
    @Order(9)
    void portsArePublishedOn127001ByDefault() {
        String web = container("web");
        String bindings = DockerCli.inspect(web, "{{json .HostConfig.PortBindings}}");
        assertTrue(bindings.contains("\"80/tcp\":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"" + webPort + "\"}]"),
                bindings);
        assertTrue(bindings.contains("\"81/tcp\":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"\"}]"), bindings);
        String published = DockerCli.run("port", web);
        for (String line : DockerCli.lines(published)) {
            assertTrue(line.contains("-> 127.0.0.1:"), "published on 127.0.0.1 only: " + published);
        }
        assertTrue(published.contains("80/tcp -> 127.0.0.1:" + webPort), published);
        assertTrue(firstUp.log().contains("127.0.0.1:" + webPort + "->80/tcp"), "the closing table shows the port");
        String properties = project.read("target/devstack/ports.properties");
        assertTrue(properties.contains("devstack.web.port.80=" + webPort), properties);
        assertTrue(properties.contains("devstack.web.port.81="), properties);
        assertTrue(properties.contains("devstack.web.host=127.0.0.1"), properties);
    }

    @Test
    @Order(10)
    void profileDebugStartsOnlyTheDebugServiceAndLeavesTheOthersAlone() {
        Map<String, List<String>> before = DockerCli.containerIdsByService(PROJECT);
        BuildResult build = project.mvn("devstack:up", FILES, "-Ddevstack.profiles=debug").assertSuccess()
                .assertLogContains("service debug created and running")
                .assertLogLacks("recreated");
        Map<String, List<String>> after = DockerCli.containerIdsByService(PROJECT);
        assertEquals(List.of("db", "debug", "init", "probe", "web"), List.copyOf(after.keySet()));
        for (String service : before.keySet()) {
            assertEquals(before.get(service), after.get(service), service + " kept its container");
        }
        assertEquals(List.of(PROJECT + "_front"), DockerCli.networksOf(container("debug")));
        assertEquals(1, build.linesWith("service ").stream().filter(l -> l.contains(" created ")).count(),
                "only debug was created: " + build.linesWith("service "));
    }
}
