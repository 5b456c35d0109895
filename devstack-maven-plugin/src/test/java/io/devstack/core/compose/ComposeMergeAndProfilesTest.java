package io.devstack.core.compose;

import io.devstack.core.stack.DependencyCondition;
import io.devstack.core.stack.Mount;
import io.devstack.core.stack.PortMapping;
import io.devstack.core.stack.Service;
import io.devstack.core.stack.Stack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Override files, profiles, networks and the keys added for the compose engine. */
class ComposeMergeAndProfilesTest {
    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    private Stack read(List<String> profiles, String... files) throws IOException {
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < files.length; i++) {
            Path file = dir.resolve(i == 0 ? "compose.yaml" : "override" + i + ".yaml");
            Files.writeString(file, files[i]);
            paths.add(file);
        }
        return new ComposeReader(warnings::add).read(new ComposeRequest(dir, paths, "p", Map.of(), profiles));
    }

    private static String yaml(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    @Test
    void overrideFileMergesEachKeyTheWayTheSpecSays() throws IOException {
        Stack stack = read(List.of(),
                yaml("services:",
                        "  app:",
                        "    image: app:1",
                        "    command: run --fast",
                        "    environment: {A: one, B: two}",
                        "    labels: [team=core]",
                        "    ports: [\"8080:8080\"]",
                        "    volumes: [\"./conf:/etc/app\", \"data:/data\"]",
                        "    depends_on: [db]",
                        "    healthcheck: {test: [\"CMD\", \"true\"], interval: 5s}",
                        "  db:",
                        "    image: db:1",
                        "volumes:",
                        "  data: {}"),
                yaml("services:",
                        "  app:",
                        "    image: app:2",
                        "    command: [\"run\", \"--slow\"]",
                        "    environment: [B=zwei, C=drei]",
                        "    labels: {tier: web}",
                        "    ports: [\"9090:9090\"]",
                        "    volumes: [\"./other:/etc/app\"]",
                        "    depends_on: {db: {condition: service_healthy, restart: true}}",
                        "    healthcheck: {interval: 1s}"));
        Service app = stack.services().get("app");
        assertEquals("app:2", app.image());
        assertEquals(List.of("run", "--slow"), app.command());
        assertEquals(Map.of("A", "one", "B", "zwei", "C", "drei"), app.environment());
        assertEquals(Map.of("team", "core", "tier", "web"), app.labels());
        assertEquals(List.of(new PortMapping("127.0.0.1", 8080, 8080, "tcp"),
                new PortMapping("127.0.0.1", 9090, 9090, "tcp")), app.ports());
        assertEquals(2, app.mounts().size(), app.mounts().toString());
        assertTrue(app.mounts().contains(new Mount(Mount.Type.BIND, dir.resolve("other").toString(), "/etc/app", false)),
                "the later bind of /etc/app wins: " + app.mounts());
        assertEquals(new Service.Dependency(DependencyCondition.SERVICE_HEALTHY, true, true), app.dependsOn().get("db"));
        assertEquals(List.of("CMD", "true"), app.healthcheck().test());
        assertEquals(Duration.ofSeconds(1), app.healthcheck().interval());
    }

    @Test
    void profilesLeaveServicesOutUnlessEnabled() throws IOException {
        String compose = yaml("services:",
                "  app: {image: app}",
                "  debug: {image: tools, profiles: [debug]}",
                "  admin: {image: admin, profiles: [ops, debug]}");
        Stack plain = read(List.of(), compose);
        assertEquals(Set.of("app"), plain.services().keySet());
        assertEquals(Set.of("debug", "admin"), plain.disabledServices());

        Stack ops = read(List.of("ops"), compose);
        assertEquals(Set.of("app", "admin"), ops.services().keySet());
    }

    @Test
    void composeProfilesEnvironmentVariableEnablesProfiles() throws IOException {
        Path file = dir.resolve("compose.yaml");
        Files.writeString(file, yaml("services:", "  app: {image: app}", "  debug: {image: tools, profiles: [debug]}"));
        Stack stack = new ComposeReader(warnings::add).read(new ComposeRequest(dir, List.of(file), "p",
                Map.of("COMPOSE_PROFILES", "debug"), List.of()));
        assertEquals(Set.of("app", "debug"), stack.services().keySet());
    }

    @Test
    void dependingOnADisabledServiceIsAnError() throws IOException {
        ComposeFileException e = assertThrows(ComposeFileException.class, () -> read(List.of(),
                yaml("services:",
                        "  app:",
                        "    image: app",
                        "    depends_on: [debug]",
                        "  debug: {image: tools, profiles: [debug]}")));
        assertTrue(e.getMessage().contains("line 4") && e.getMessage().contains("disabled by profiles [debug]"),
                e.getMessage());
    }

    @Test
    void networksWithAliasesAndOnlyUsedOnesAreCreated() throws IOException {
        Stack stack = read(List.of(),
                yaml("services:",
                        "  app:",
                        "    image: app",
                        "    networks:",
                        "      front: {aliases: [web, www]}",
                        "      back:",
                        "  db:",
                        "    image: db",
                        "    networks: [back]",
                        "networks:",
                        "  front: {}",
                        "  back: {internal: true}",
                        "  shared: {external: true, name: company-net}",
                        "  unused: {}"));
        assertEquals(Map.of("front", List.of("web", "www"), "back", List.of()), stack.services().get("app").networks());
        assertEquals(Set.of("front", "back"), stack.networks().keySet(), "default and unused are not created");
        assertEquals("p_front", stack.networks().get("front").dockerName());
        assertTrue(stack.networks().get("back").internal());
    }

    @Test
    void servicesWithoutNetworksJoinTheDefaultOne() throws IOException {
        Stack stack = read(List.of(), yaml("services:", "  app: {image: app}"));
        assertEquals(Map.of("default", List.of()), stack.services().get("app").networks());
        assertEquals("p_default", stack.networks().get("default").dockerName());
    }

    @Test
    void undeclaredNetworkIsAnError() throws IOException {
        ComposeFileException e = assertThrows(ComposeFileException.class, () -> read(List.of(),
                yaml("services:", "  app:", "    image: app", "    networks: [nowhere]")));
        assertTrue(e.getMessage().contains("line 4") && e.getMessage().contains("network \"nowhere\" is not declared"),
                e.getMessage());
    }

    @Test
    void rejectedKeysFailWithTheirLine() throws IOException {
        ComposeFileException e = assertThrows(ComposeFileException.class, () -> read(List.of(),
                yaml("services:", "  app:", "    image: app", "    network_mode: host")));
        assertTrue(e.getMessage().contains("line 4 (services.app.network_mode)"), e.getMessage());
        assertTrue(e.getMessage().contains("not supported by devstack"), e.getMessage());
    }

    @Test
    void containerOptions() throws IOException {
        Stack stack = read(List.of(),
                yaml("services:",
                        "  app:",
                        "    image: app",
                        "    stop_grace_period: 1m30s",
                        "    stop_signal: SIGINT",
                        "    init: true",
                        "    cap_add: [NET_ADMIN]",
                        "    cap_drop: [MKNOD]",
                        "    platform: linux/amd64",
                        "    shm_size: 256m",
                        "    hostname: apphost",
                        "    tmpfs: [/run, \"/tmp:size=64m\"]",
                        "    expose: [\"9000\"]",
                        "    pull_policy: never"));
        Service.Options o = stack.services().get("app").options();
        assertEquals(Duration.ofSeconds(90), o.stopGracePeriod());
        assertEquals("SIGINT", o.stopSignal());
        assertEquals(Boolean.TRUE, o.init());
        assertEquals(List.of("NET_ADMIN"), o.capAdd());
        assertEquals(List.of("MKNOD"), o.capDrop());
        assertEquals("linux/amd64", o.platform());
        assertEquals(256L * 1024 * 1024, o.shmSize());
        assertEquals("apphost", o.hostname());
        assertEquals("never", o.pullPolicy());
        assertEquals(List.of("9000"), stack.services().get("app").expose());
        assertTrue(stack.services().get("app").mounts().contains(new Mount(Mount.Type.TMPFS, null, "/tmp", false)));
        assertEquals(List.of(), warnings);
    }

    @Test
    void unknownPullPolicyIsAnError() throws IOException {
        ComposeFileException e = assertThrows(ComposeFileException.class, () -> read(List.of(),
                yaml("services:", "  app:", "    image: app", "    pull_policy: sometimes")));
        assertTrue(e.getMessage().contains("line 4") && e.getMessage().contains("pull_policy"), e.getMessage());
    }
}
