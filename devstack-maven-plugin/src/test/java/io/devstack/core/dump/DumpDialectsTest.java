package io.devstack.core.dump;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.Optional;

import static io.devstack.core.dump.Services.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DumpDialectsTest {
    private static Optional<DumpDialect> detect(String image) {
        return DumpDialects.detect(service(image, Map.of()), image);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mariadb:11", "MariaDB:11.4", "mysql:8.4", "percona/percona-server:8.0",
            "localhost:5000/mariadb:11", "registry.example.com:443/team/mysql", "docker.io/library/mariadb:lts"})
    void mariaDbImages(String image) {
        assertInstanceOf(MariaDbDialect.class, detect(image).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "postgres:16-alpine", "devstack-it/postgres:15", "localhost:5000/postgres:15",
            "postgis/postgis:16-3.4", "ghcr.io/acme/postgres@sha256:0123abcd"})
    void postgresImages(String image) {
        assertInstanceOf(PostgresDialect.class, detect(image).orElseThrow());
    }

    @Test
    void tagDoesNotDecide() {
        assertEquals(Optional.empty(), detect("acme/app:mariadb-compatible"));
    }

    @Test
    void environmentIsTheFallback() {
        assertInstanceOf(MariaDbDialect.class, DumpDialects.detect(
                service("acme/db:1", Map.of("MARIADB_ROOT_PASSWORD", "root")), "acme/db:1").orElseThrow());
        assertInstanceOf(MariaDbDialect.class, DumpDialects.detect(
                service("acme/db:1", Map.of("TZ", "UTC", "MYSQL_DATABASE", "shop")), "acme/db:1").orElseThrow());
        assertInstanceOf(PostgresDialect.class, DumpDialects.detect(
                service("acme/db:1", Map.of("POSTGRES_PASSWORD", "pw")), "acme/db:1").orElseThrow());
    }

    @Test
    void unknownDatabaseIsEmpty() {
        assertEquals(Optional.empty(), detect("redis:7"));
        assertEquals(Optional.empty(), detect("localhost:5000/shop-api:1.4"));
        assertEquals(Optional.empty(), DumpDialects.detect(service(null, Map.of("TZ", "UTC")), null));
    }

    @Test
    void mariaDbClientEnvUsesRootPassword() {
        var dialect = new MariaDbDialect();
        assertEquals(Map.of("MYSQL_PWD", "rootpw"),
                dialect.clientEnv(service("mariadb:11", Map.of("MARIADB_ROOT_PASSWORD", "rootpw"))));
        assertEquals(Map.of("MYSQL_PWD", "legacy"),
                dialect.clientEnv(service("mysql:8", Map.of("MYSQL_ROOT_PASSWORD", "legacy"))));
        assertThrows(DumpException.class, () ->
                dialect.clientEnv(service("mariadb:11", Map.of("MARIADB_RANDOM_ROOT_PASSWORD", "yes"))));
    }

    @Test
    void postgresClientEnvAndDataDir() {
        var dialect = new PostgresDialect();
        var service = service("postgres:16", Map.of("POSTGRES_USER", "shop", "POSTGRES_PASSWORD", "pw",
                "PGDATA", "/var/lib/postgresql/data/pgdata"));
        assertEquals(Map.of("PGUSER", "shop", "PGPASSWORD", "pw"), dialect.clientEnv(service));
        assertEquals("/var/lib/postgresql/data/pgdata", dialect.dataDir(service));
        assertEquals(Map.of("PGUSER", "postgres"), dialect.clientEnv(service("postgres:16", Map.of())));
        assertEquals("/var/lib/postgresql/data", dialect.dataDir(service("postgres:16", Map.of())));
    }
}
