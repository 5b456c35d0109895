package io.devstack.core.compose;

import io.devstack.core.stack.BuildSpec;
import io.devstack.core.stack.DependencyCondition;
import io.devstack.core.stack.HealthCheck;
import io.devstack.core.stack.Mount;
import io.devstack.core.stack.PortMapping;
import io.devstack.core.stack.Service;
import io.devstack.core.stack.Stack;
import io.devstack.core.stack.VolumeDef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading valid compose files; the error cases are in {@link ComposeReaderErrorTest}. */
class ComposeReaderTest {
    @TempDir
    Path tmp;

    private final List<String> warnings = new ArrayList<>();

    /** The api service is listed before the db it depends on, so startOrder() has to reorder. */
    private static final String SHOP = String.join("\n",
            "name: shop",
            "",
            "services:",
            "  api:",
            "    build:",
            "      context: ./api",
            "      args:",
            "        JAR_VERSION: ${APP_VERSION}",
            "    command: java -jar \"/app/my app.jar\" --spring.profiles.active=dev",
            "    env_file: api.env",
            "    environment:",
            "      - SPRING_DATASOURCE_URL=jdbc:postgresql://db:5432/shop",
            "      - DEBUG",
            "      - NOT_SET_ANYWHERE",
            "      - GREETING=hello $$USER",
            "    ports:",
            "      - 8080:8080",
            "      - \"9000-9002:9000-9002\"",
            "      - \"0.0.0.0:5005:5005\"",
            "      - \"127.0.0.1::8081\"",
            "      - 7000",
            "      - \"53:53/udp\"",
            "      - target: 9090",
            "        published: \"19090\"",
            "        host_ip: 0.0.0.0",
            "        protocol: udp",
            "      - target: 443",
            "        published: 8443",
            "        host_ip: \"::1\"",
            "    depends_on:",
            "      db:",
            "        condition: service_healthy",
            "    healthcheck:",
            "      test: curl -fs http://localhost:8080/actuator/health || exit 1",
            "      interval: 10s",
            "",
            "  db:",
            "    image: postgres:${PG_VERSION:-16}",
            "    environment:",
            "      POSTGRES_USER: shop",
            "      POSTGRES_PASSWORD: ${DB_PASSWORD:?set DB_PASSWORD in .env}",
            "      POSTGRES_DB: shop",
            "    ports:",
            "      - \"${DB_PORT:-5432}:5432\"",
            "    volumes:",
            "      - db-data:/var/lib/postgresql/data",
            "      - ./db/init:/docker-entrypoint-initdb.d:ro",
            "    healthcheck:",
            "      test: [\"CMD\", \"pg_isready\", \"-U\", \"shop\"]",
            "      interval: 5s",
            "      timeout: 3s",
            "      retries: 10",
            "      start_period: 1m30s",
            "",
            "volumes:",
            "  db-data:",
            "");

    private Path project(String dirName, String compose) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(dirName));
        Files.writeString(dir.resolve("compose.yaml"), compose);
        return dir;
    }

    private Path shop() throws IOException {
        Path dir = project("shop", SHOP);
        Files.createDirectories(dir.resolve("api"));
        Files.writeString(dir.resolve("api/Dockerfile"), "FROM eclipse-temurin:21-jre\nCOPY app.jar /app/my app.jar\n");
        Files.writeString(dir.resolve("api.env"), "JAVA_OPTS=-Xmx512m\nSPRING_DATASOURCE_URL=overridden-by-environment\n");
        Files.writeString(dir.resolve(".env"), "DB_PASSWORD=secret\nAPP_VERSION=1.4.2\nDEBUG=true\nPG_VERSION=15\n");
        return dir;
    }

    private Stack read(Path dir, String projectName, Map<String, String> processEnv) {
        return new ComposeReader(warnings::add)
                .read(new ComposeRequest(dir, List.of(dir.resolve("compose.yaml")), projectName, processEnv));
    }

    private Stack read(Path dir) {
        return read(dir, null, Map.of());
    }

    private Service readSingle(String compose) throws IOException {
        Stack stack = read(project("p", compose));
        assertEquals(1, stack.services().size());
        return stack.services().values().iterator().next();
    }

    @Test
    void realisticFileReadsWithoutWarnings() throws IOException {
        Path dir = shop();
        Stack stack = read(dir, null, Map.of("PG_VERSION", "16.3"));

        assertEquals("shop", stack.project());
        assertEquals("shop_default", stack.networks().get("default").dockerName());
        assertEquals(dir.toAbsolutePath().normalize(), stack.workingDir());
        assertEquals(List.of("api", "db"), List.copyOf(stack.services().keySet()));
        assertEquals(Map.of("db-data", new VolumeDef("db-data", "shop_db-data", false, null, Map.of())), stack.volumes());
        assertEquals(List.of(), warnings);
    }

    @Test
    void buildServiceWithDockerfile() throws IOException {
        Path dir = shop();
        Service api = read(dir).services().get("api");

        assertNull(api.image());
        assertEquals("shop-api", api.imageFor("shop"));
        assertEquals(new BuildSpec(dir.resolve("api"), "Dockerfile", Map.of("JAR_VERSION", "1.4.2"), null, Map.of()),
                api.build());
        assertEquals(List.of("java", "-jar", "/app/my app.jar", "--spring.profiles.active=dev"), api.command());
        assertNull(api.entrypoint());
    }

    @Test
    void environmentListEnvFileAndBareKeys() throws IOException {
        Service api = read(shop()).services().get("api");

        assertEquals(Map.of(
                "JAVA_OPTS", "-Xmx512m",                                     // from env_file
                "SPRING_DATASOURCE_URL", "jdbc:postgresql://db:5432/shop",   // environment beats env_file
                "DEBUG", "true",                                             // bare key, value from .env
                "GREETING", "hello $USER"),                                  // $$ is a literal dollar
                api.environment());
        assertFalse(api.environment().containsKey("NOT_SET_ANYWHERE"), "a bare unset key is left out");
    }

    @Test
    void environmentMapForm() throws IOException {
        Service service = readSingle(String.join("\n",
                "services:",
                "  app:",
                "    image: app",
                "    environment:",
                "      NUMBER: 1",
                "      FLAG: yes",
                "      TEXT: \"two words\"",
                "      EMPTY: \"\"",
                "      FROM_PROCESS:",
                "      MISSING:",
                ""));
        // no process env given here: FROM_PROCESS and MISSING are both unset
        assertEquals(Map.of("NUMBER", "1", "FLAG", "yes", "TEXT", "two words", "EMPTY", ""), service.environment());
    }

    @Test
    void bareEnvironmentKeyTakesProcessEnvironment() throws IOException {
        Path dir = project("p", "services:\n  app:\n    image: app\n    environment:\n      TOKEN:\n");
        Service app = read(dir, null, Map.of("TOKEN", "from-process")).services().get("app");
        assertEquals(Map.of("TOKEN", "from-process"), app.environment());
    }

    @Test
    void shortAndLongPortSyntax() throws IOException {
        Service api = read(shop()).services().get("api");

        assertEquals(List.of(
                new PortMapping("127.0.0.1", 8080, 8080, "tcp"),
                new PortMapping("127.0.0.1", 9000, 9000, "tcp"),
                new PortMapping("127.0.0.1", 9001, 9001, "tcp"),
                new PortMapping("127.0.0.1", 9002, 9002, "tcp"),
                new PortMapping("0.0.0.0", 5005, 5005, "tcp"),
                new PortMapping("127.0.0.1", null, 8081, "tcp"),
                new PortMapping("127.0.0.1", null, 7000, "tcp"),
                new PortMapping("127.0.0.1", 53, 53, "udp"),
                new PortMapping("0.0.0.0", 19090, 9090, "udp"),
                new PortMapping("::1", 8443, 443, "tcp")),
                api.ports());
    }

    @Test
    void ipv6AddressInShortPortSyntax() throws IOException {
        Service service = readSingle(String.join("\n",
                "services:",
                "  web:",
                "    image: nginx",
                "    ports:",
                "      - \"[::1]:8443:443\"",
                "      - \"[::]:8080:80/tcp\"",
                ""));
        assertEquals(List.of(new PortMapping("::1", 8443, 443, "tcp"), new PortMapping("::", 8080, 80, "tcp")),
                service.ports());
    }

    @Test
    void interpolatedPortDefault() throws IOException {
        Path dir = shop();
        assertEquals(List.of(new PortMapping("127.0.0.1", 5432, 5432, "tcp")), read(dir).services().get("db").ports());
        assertEquals(List.of(new PortMapping("127.0.0.1", 15432, 5432, "tcp")),
                read(dir, null, Map.of("DB_PORT", "15432")).services().get("db").ports());
    }

    @Test
    void namedAndBindVolumes() throws IOException {
        Path dir = shop();
        Service db = read(dir).services().get("db");

        assertEquals(List.of(
                new Mount(Mount.Type.VOLUME, "db-data", "/var/lib/postgresql/data", false),
                new Mount(Mount.Type.BIND, dir.resolve("db/init").toString(), "/docker-entrypoint-initdb.d", true)),
                db.mounts());
    }

    @Test
    void longVolumeSyntaxAndAnonymousVolume() throws IOException {
        Path dir = project("p", String.join("\n",
                "services:",
                "  app:",
                "    image: app",
                "    volumes:",
                "      - /cache",
                "      - type: bind",
                "        source: ./logs",
                "        target: /logs",
                "        read_only: true",
                "      - type: tmpfs",
                "        target: /tmp/work",
                ""));
        assertEquals(List.of(
                new Mount(Mount.Type.VOLUME, null, "/cache", false),
                new Mount(Mount.Type.BIND, dir.resolve("logs").toString(), "/logs", true),
                new Mount(Mount.Type.TMPFS, null, "/tmp/work", false)),
                read(dir).services().get("app").mounts());
    }

    @Test
    void healthcheckListForm() throws IOException {
        Service db = read(shop()).services().get("db");
        assertEquals(new HealthCheck(List.of("CMD", "pg_isready", "-U", "shop"), Duration.ofSeconds(5),
                Duration.ofSeconds(3), 10, Duration.ofSeconds(90), false), db.healthcheck());
    }

    @Test
    void healthcheckStringFormIsCmdShell() throws IOException {
        Service api = read(shop()).services().get("api");
        assertEquals(new HealthCheck(List.of("CMD-SHELL", "curl -fs http://localhost:8080/actuator/health || exit 1"),
                Duration.ofSeconds(10), null, null, null, false), api.healthcheck());
    }

    @Test
    void healthcheckDisable() throws IOException {
        Service service = readSingle("services:\n  app:\n    image: app\n    healthcheck:\n      disable: true\n");
        assertTrue(service.healthcheck().disabled());
        assertNull(service.healthcheck().test());
    }

    @Test
    void healthcheckTestNoneDisables() throws IOException {
        Service service = readSingle("services:\n  app:\n    image: app\n    healthcheck:\n      test: [\"NONE\"]\n");
        assertTrue(service.healthcheck().disabled());
    }

    @Test
    void dependsOnMapFormKeepsCondition() throws IOException {
        Service api = read(shop()).services().get("api");
        assertEquals(Map.of("db", dep(DependencyCondition.SERVICE_HEALTHY)), api.dependsOn());
    }

    @Test
    void dependsOnListFormMeansServiceStarted() throws IOException {
        Stack stack = read(project("p", String.join("\n",
                "services:",
                "  web:",
                "    image: nginx",
                "    depends_on: [api, cache]",
                "  api:",
                "    image: api",
                "    depends_on:",
                "      - db",
                "  cache:",
                "    image: redis",
                "  db:",
                "    image: postgres",
                "")));
        assertEquals(Map.of("api", dep(DependencyCondition.SERVICE_STARTED), "cache", dep(DependencyCondition.SERVICE_STARTED)),
                stack.services().get("web").dependsOn());
        assertEquals(Map.of("db", dep(DependencyCondition.SERVICE_STARTED)), stack.services().get("api").dependsOn());
    }

    @Test
    void startOrderPutsDependenciesFirst() throws IOException {
        Stack stack = read(project("p", String.join("\n",
                "services:",
                "  web:",
                "    image: nginx",
                "    depends_on: [api, cache]",
                "  api:",
                "    image: api",
                "    depends_on:",
                "      db:",
                "        condition: service_healthy",
                "      cache:",
                "        condition: service_started",
                "  cache:",
                "    image: redis",
                "  db:",
                "    image: postgres",
                "  tools:",
                "    image: busybox",
                "")));
        assertEquals(List.of("db", "cache", "api", "web", "tools"),
                stack.startOrder().stream().map(Service::name).toList());
    }

    @Test
    void startOrderOfTheRealisticFile() throws IOException {
        assertEquals(List.of("db", "api"), read(shop()).startOrder().stream().map(Service::name).toList());
    }

    @Test
    void dotEnvIsUsedForInterpolationAndProcessEnvironmentWins() throws IOException {
        Path dir = shop();
        assertEquals("postgres:15", read(dir).services().get("db").image());
        assertEquals("postgres:16.3", read(dir, null, Map.of("PG_VERSION", "16.3")).services().get("db").image());
        assertEquals("secret", read(dir).services().get("db").environment().get("POSTGRES_PASSWORD"));
        assertEquals("s3cr3t", read(dir, null, Map.of("DB_PASSWORD", "s3cr3t"))
                .services().get("db").environment().get("POSTGRES_PASSWORD"));
    }

    @Test
    void explicitProjectNameOverridesNameInFile() throws IOException {
        Stack stack = read(shop(), "Shop-Dev", Map.of());
        assertEquals("shop-dev", stack.project());
        assertEquals("shop-dev_db-data", stack.volumes().get("db-data").dockerName());
    }

    @Test
    void blankExplicitProjectNameFallsBackToFile() throws IOException {
        assertEquals("shop", read(shop(), "  ", Map.of()).project());
    }

    @Test
    void projectNameFromDirectoryIsNormalised() throws IOException {
        Path dir = project("My App", "services:\n  app:\n    image: app\n");
        assertEquals("myapp", read(dir).project());
    }

    @Test
    void projectNameLosesLeadingSeparators() throws IOException {
        Path dir = project("_Billing.Service", "services:\n  app:\n    image: app\n");
        assertEquals("billingservice", read(dir).project());
    }

    @Test
    void namedVolumeOptions() throws IOException {
        Stack stack = read(project("p", String.join("\n",
                "services:",
                "  app:",
                "    image: app",
                "    volumes: [data:/data, shared:/shared, legacy:/legacy]",
                "volumes:",
                "  data:",
                "    driver: local",
                "    labels:",
                "      team: billing",
                "  shared:",
                "    external: true",
                "  legacy:",
                "    name: old-data-volume",
                "")));
        assertEquals(new VolumeDef("data", "p_data", false, "local", Map.of("team", "billing")),
                stack.volumes().get("data"));
        assertEquals(new VolumeDef("shared", "shared", true, null, Map.of()), stack.volumes().get("shared"));
        assertEquals("old-data-volume", stack.volumes().get("legacy").dockerName());
    }

    @Test
    void laterFilesOverrideEarlierOnesKeyByKey() throws IOException {
        Path dir = project("p", "services:\n  app:\n    image: app:1\n    restart: always\n");
        Files.writeString(dir.resolve("compose.override.yaml"), "services:\n  app:\n    image: app:2\n");
        Stack stack = new ComposeReader(warnings::add).read(new ComposeRequest(dir,
                List.of(dir.resolve("compose.yaml"), dir.resolve("compose.override.yaml")), null, Map.of()));
        Service app = stack.services().get("app");
        assertEquals("app:2", app.image());
        assertEquals("always", app.options().restart());
    }

    @Test
    void unknownServiceKeyIsWarnedAboutWithItsLine() throws IOException {
        readSingle(String.join("\n",
                "services:",
                "  app:",
                "    image: app",
                "    stdin_open: true",
                ""));
        assertEquals(1, warnings.size(), warnings.toString());
        String warning = warnings.get(0);
        assertTrue(warning.startsWith("compose.yaml line 4 (services.app.stdin_open): "), warning);
    }

    @Test
    void unknownKeyWithBlockValueIsWarnedAboutAtTheKeyLine() throws IOException {
        readSingle(String.join("\n",
                "services:",
                "  app:",
                "    image: app",
                "    deploy:",
                "      replicas: 2",
                ""));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("compose.yaml line 4 (services.app.deploy): "), warnings.get(0));
    }

    @Test
    void unknownTopLevelKeyIsWarnedAboutButExtensionsAndNetworksAreNot() throws IOException {
        read(project("p", String.join("\n",
                "x-common: &common",
                "  restart: always",
                "services:",
                "  app:",
                "    image: app",
                "    networks: [backend]",
                "networks:",
                "  backend: {}",
                "include:",
                "  - other.yaml",
                "")));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("compose.yaml line 9 (include): "), warnings.toString());
    }

    @Test
    void mergeKeysApplyAnchors() throws IOException {
        Stack stack = read(project("p", String.join("\n",
                "x-common: &common",
                "  restart: unless-stopped",
                "  image: base",
                "services:",
                "  app:",
                "    <<: *common",
                "    image: app",
                "")));
        Service app = stack.services().get("app");
        assertEquals("app", app.image());
        assertEquals("unless-stopped", app.options().restart());
    }

    private static Service.Dependency dep(DependencyCondition condition) {
        return new Service.Dependency(condition, false, true);
    }
}
