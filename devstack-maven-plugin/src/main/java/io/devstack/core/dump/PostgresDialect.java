package io.devstack.core.dump;

import io.devstack.core.stack.Service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PostgreSQL: psql as POSTGRES_USER over the local socket, stopping at the first error, in one transaction. */
final class PostgresDialect implements DumpDialect {
    private static final Pattern ERROR = Pattern.compile("psql:[^\\n]*?:(\\d+): (ERROR: .*)");

    @Override
    public String name() {
        return "PostgreSQL";
    }

    private static String user(Service service) {
        String user = service.environment().get("POSTGRES_USER");
        return user == null || user.isEmpty() ? "postgres" : user;
    }

    @Override
    public Map<String, String> clientEnv(Service service) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PGUSER", user(service));
        String password = service.environment().get("POSTGRES_PASSWORD");
        if (password != null) {
            env.put("PGPASSWORD", password);
        }
        return env;
    }

    @Override
    public String dataDir(Service service) {
        String pgdata = service.environment().get("PGDATA");
        return pgdata == null || pgdata.isEmpty() ? "/var/lib/postgresql/data" : pgdata;
    }

    @Override
    public String createDatabase(Service service, String database) {
        return "psql -X -q -d postgres -tAc \"SELECT 1 FROM pg_database WHERE datname = '" + database + "'\" | grep -q 1"
                + " || psql -X -q -v ON_ERROR_STOP=1 -d postgres -c 'CREATE DATABASE \"" + database + "\"'";
    }

    @Override
    public String dropDatabase(Service service, String database) {
        return "psql -X -q -v ON_ERROR_STOP=1 -d postgres -c 'DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)'";
    }

    @Override
    public String load(Service service, String database, String file) {
        return Loads.script(file, "psql -X -q -v ON_ERROR_STOP=1 --single-transaction -d " + database + " -f \"$input\"");
    }

    @Override
    public String dump(Service service, String database, java.util.List<String> dataTables, String file) {
        String common = "pg_dump --no-owner --no-privileges --restrict-key=devstack -d " + database;
        StringBuilder script = new StringBuilder("set -e; " + common + " --schema-only > '" + file + "'");
        for (String table : dataTables) {
            script.append("; if [ \"$(psql -X -tA -d ").append(database).append(" -c \"SELECT to_regclass('")
                    .append(table).append("') IS NOT NULL\")\" = t ]; then ").append(common)
                    .append(" --data-only --column-inserts --table=").append(table).append(" >> '").append(file)
                    .append("'; fi");
        }
        return script.toString();
    }

    @Override
    public String normalize(String dump) {
        String text = dump.replace("\r\n", "\n")
                .replaceAll("(?m)^-- Dumped (from database|by pg_dump) version.*\n", "");
        return VolatileColumns.pin(text, false);
    }

    @Override
    public String defaultDatabase(Service service) {
        String db = service.environment().get("POSTGRES_DB");
        return db == null || db.isEmpty() ? user(service) : db;
    }

    @Override
    public int port() {
        return 5432;
    }

    @Override
    public Map<String, String> jdbc(Service service, String database, int hostPort) {
        String password = service.environment().get("POSTGRES_PASSWORD");
        return Map.of("url", "jdbc:postgresql://127.0.0.1:" + hostPort + "/" + database, "user", user(service),
                "password", password == null ? "" : password);
    }

    @Override
    public String loadFromStdin(Service service, String database, boolean gzipped) {
        return Loads.stdinScript(gzipped, "psql -X -q -v ON_ERROR_STOP=1 --single-transaction -d " + database
                + " -f \"$input\"");
    }

    @Override
    public Optional<ErrorAt> error(String stderr) {
        Matcher m = ERROR.matcher(stderr);
        if (m.find()) {
            return Optional.of(new ErrorAt(Integer.parseInt(m.group(1)), m.group(2).strip()));
        }
        return Optional.empty();
    }
}
