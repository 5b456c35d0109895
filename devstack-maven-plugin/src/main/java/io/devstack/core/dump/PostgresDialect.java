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
        // tables first, then their rows, then indexes, constraints and triggers (pg_dump's sections): a trigger
        // created before the rows would fire as they load and write rows of its own
        StringBuilder script = new StringBuilder("set -e; " + common + " --section=pre-data > '" + file + "'");
        if (!dataTables.isEmpty()) {
            // one run for all tables: pg_dump orders them so foreign keys hold while the rows load
            script.append("; ").append(common).append(" --data-only --column-inserts");
            for (String table : dataTables) {
                int dot = table.indexOf('.');
                script.append(" --table=").append(DumpDialect.quote("\"" + table.substring(0, dot) + "\".\""
                        + table.substring(dot + 1) + "\""));
            }
            script.append(" >> '").append(file).append('\'');
        }
        script.append("; ").append(common).append(" --section=post-data >> '").append(file).append('\'');
        return script.toString();
    }

    @Override
    public String census(Service service, String database) {
        return "sql=$(psql -X -tA -v ON_ERROR_STOP=1 -d " + database + " <<'DEVSTACK_SQL'\n"
                + "SELECT string_agg(format('SELECT %L, count(*) FROM %I.%I', n.nspname || '.' || c.relname, n.nspname,"
                + " c.relname), ' UNION ALL ' ORDER BY n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n"
                + " ON n.oid = c.relnamespace WHERE c.relkind = 'r'"
                + " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'\n"
                + "DEVSTACK_SQL\n) || exit 1; [ -z \"$sql\" ] || printf '%s;\\n' \"$sql\" | psql -X -tA -F \"$(printf '\\t')\" "
                + "-v ON_ERROR_STOP=1 -d " + database;
    }

    @Override
    public String alignSequences(Service service, String database) {
        // each sequence owned by a column (serial, identity) continues after the highest value of that column
        return "psql -X -q -v ON_ERROR_STOP=1 -d " + database + " <<'DEVSTACK_SQL'\n"
                + "DO $devstack$ DECLARE r record; m bigint; BEGIN\n"
                + "FOR r IN SELECT s.oid::regclass AS seq, t.oid::regclass AS tbl, a.attname AS col FROM pg_class s"
                + " JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid"
                + " AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')"
                + " JOIN pg_class t ON t.oid = d.refobjid"
                + " JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid WHERE s.relkind = 'S' LOOP\n"
                + "EXECUTE format('SELECT max(%I) FROM %s', r.col, r.tbl) INTO m;\n"
                + "IF m IS NULL THEN PERFORM setval(r.seq, 1, false); ELSE PERFORM setval(r.seq, m, true); END IF;\n"
                + "END LOOP; END $devstack$;\n"
                + "DEVSTACK_SQL";
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
