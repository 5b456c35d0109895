package io.devstack.core.dump;

import io.devstack.core.engine.ContainerInfo;
import io.devstack.core.ready.Conditions;
import io.devstack.core.ready.ReadyCondition;
import io.devstack.core.stack.Service;

import java.util.Locale;
import java.util.Optional;

/** Tells which database a service runs, from its image name or, failing that, its environment. */
public final class DumpDialects {
    private DumpDialects() {
    }

    /** When the server is ready again after a restart: its healthcheck, else its own ping over TCP. */
    public static ReadyCondition readyCondition(ContainerInfo info, DumpDialect dialect) {
        return info.health() != null ? Conditions.healthy() : Conditions.exec(dialect.port() == 3306
                ? "mariadb-admin --protocol=tcp -h 127.0.0.1 ping" : "pg_isready -h 127.0.0.1");
    }

    public static Optional<DumpDialect> detect(Service service, String image) {
        String repo = image == null ? "" : image.toLowerCase(Locale.ROOT);
        if (repo.contains("@")) {
            repo = repo.substring(0, repo.indexOf('@'));
        }
        int tag = repo.lastIndexOf(':');
        if (tag > repo.lastIndexOf('/')) {
            repo = repo.substring(0, tag);
        }
        // the image's own name (last path segment), so mysqld-exporter or postgres-backup are not taken for a database
        String name = repo.substring(repo.lastIndexOf('/') + 1);
        if (name.matches("mariadb|mysql|mysql-server|percona|percona-server")) {
            return Optional.of(new MariaDbDialect());
        }
        if (name.matches("postgres|postgresql|postgis")) {
            return Optional.of(new PostgresDialect());
        }
        for (String key : service.environment().keySet()) {
            if (key.startsWith("MARIADB_") || key.startsWith("MYSQL_")) {
                return Optional.of(new MariaDbDialect());
            }
            if (key.startsWith("POSTGRES_")) {
                return Optional.of(new PostgresDialect());
            }
        }
        return Optional.empty();
    }
}
