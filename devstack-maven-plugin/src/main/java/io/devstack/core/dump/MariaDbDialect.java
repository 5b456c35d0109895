package io.devstack.core.dump;

import io.devstack.core.stack.Service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** MariaDB and MySQL: the {@code mariadb} (or {@code mysql}) client as root over the local socket. */
final class MariaDbDialect implements DumpDialect {
    private static final Pattern ERROR = Pattern.compile("(ERROR \\d+ \\([0-9A-Z]+\\)) at line (\\d+)[^:]*: (.*)");
    private static final String CLIENT = "client=$(command -v mariadb || command -v mysql); ";

    @Override
    public String name() {
        return "MariaDB/MySQL";
    }

    @Override
    public Map<String, String> clientEnv(Service service) {
        Map<String, String> env = service.environment();
        String password = first(env, "MARIADB_ROOT_PASSWORD", "MYSQL_ROOT_PASSWORD");
        Map<String, String> clientEnv = new LinkedHashMap<>();
        if (password != null && !password.isEmpty()) {
            clientEnv.put("MYSQL_PWD", password);
        } else if (first(env, "MARIADB_RANDOM_ROOT_PASSWORD", "MYSQL_RANDOM_ROOT_PASSWORD") != null) {
            throw new DumpException("service " + service.name() + " uses a random root password, so devstack cannot "
                    + "load its dumps; set MARIADB_ROOT_PASSWORD in its environment");
        }
        return clientEnv;
    }

    @Override
    public String dataDir(Service service) {
        return "/var/lib/mysql";
    }

    @Override
    public String createDatabase(Service service, String database) {
        return CLIENT + "\"$client\" --user=root -e 'CREATE DATABASE IF NOT EXISTS `" + database + "`'";
    }

    @Override
    public String dropDatabase(Service service, String database) {
        return CLIENT + "\"$client\" --user=root -e 'DROP DATABASE IF EXISTS `" + database + "`'";
    }

    @Override
    public String load(Service service, String database, String file) {
        return CLIENT + Loads.script(file, "\"$client\" --user=root" + (database == null ? "" : " --database=" + database));
    }

    @Override
    public String dump(Service service, String database, java.util.List<String> dataTables, String file) {
        String tool = "tool=$(command -v mariadb-dump || command -v mysqldump); ";
        String common = "\"$tool\" --user=root --skip-comments --skip-dump-date --order-by-primary ";
        StringBuilder script = new StringBuilder(tool + "set -e; " + common
                + "--no-data --routines --skip-triggers --events " + database + " > '" + file + "'");
        if (!dataTables.isEmpty()) {
            // one run for all tables: its header turns off foreign key checks, so rows load in any table order
            script.append("; ").append(common).append("--no-create-info --skip-extended-insert --complete-insert "
                    + "--skip-triggers ").append(database);
            dataTables.forEach(t -> script.append(' ').append(DumpDialect.quote(t)));
            script.append(" >> '").append(file).append('\'');
        }
        // triggers last, as mysqldump itself puts them after a table's rows: created first, they would fire as the
        // rows load and write rows of their own
        script.append("; ").append(common).append("--no-data --no-create-info --skip-routines --triggers ")
                .append(database).append(" >> '").append(file).append('\'');
        return script.toString();
    }

    @Override
    public String census(Service service, String database) {
        // the first query writes the counting query: one COUNT(*) per base table, exact (table_rows is an estimate)
        return CLIENT + "sql=$(\"$client\" --user=root -N -B --database=" + database + " <<'DEVSTACK_SQL'\n"
                + "SET SESSION group_concat_max_len = 4294967295;\n"
                + "SELECT GROUP_CONCAT(CONCAT('SELECT ', QUOTE(table_name), ', COUNT(*) FROM `',"
                + " REPLACE(table_name, '`', '``'), '`') ORDER BY table_name SEPARATOR ' UNION ALL ')"
                + " FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'\n"
                + "DEVSTACK_SQL\n) || exit 1; [ -z \"$sql\" ] || [ \"$sql\" = NULL ] || printf '%s\\n' \"$sql\" | "
                + "\"$client\" --user=root -N -B --database=" + database;
    }

    @Override
    public String normalize(String dump) {
        String text = dump.replace("\r\n", "\n")
                .replaceAll("(?m)^/\\*M!999999\\\\- enable the sandbox mode \\*/[ \t]*\n", "")
                .replaceAll(" AUTO_INCREMENT=\\d+", "")
                .replaceAll(" DEFINER=`[^`]*`@`[^`]*`", "")
                .replaceAll("(?m)^-- Dump completed.*\n", "");
        return VolatileColumns.pin(text, true);
    }

    @Override
    public String defaultDatabase(Service service) {
        return first(service.environment(), "MARIADB_DATABASE", "MYSQL_DATABASE");
    }

    @Override
    public int port() {
        return 3306;
    }

    @Override
    public Map<String, String> jdbc(Service service, String database, int hostPort) {
        String password = first(service.environment(), "MARIADB_ROOT_PASSWORD", "MYSQL_ROOT_PASSWORD");
        String scheme = service.imageFor("").toLowerCase(java.util.Locale.ROOT).contains("mysql") ? "mysql" : "mariadb";
        return Map.of("url", "jdbc:" + scheme + "://127.0.0.1:" + hostPort + "/" + database, "user", "root",
                "password", password == null ? "" : password);
    }

    @Override
    public String loadFromStdin(Service service, String database, boolean gzipped) {
        return CLIENT + Loads.stdinScript(gzipped, "\"$client\" --user=root" + (database == null ? ""
                : " --database=" + database));
    }

    @Override
    public Optional<ErrorAt> error(String stderr) {
        Matcher m = ERROR.matcher(stderr);
        if (m.find()) {
            return Optional.of(new ErrorAt(Integer.parseInt(m.group(2)), m.group(1) + ": " + m.group(3).strip()));
        }
        return Optional.empty();
    }

    static String first(Map<String, String> env, String... keys) {
        for (String key : keys) {
            if (env.containsKey(key)) {
                return env.get(key);
            }
        }
        return null;
    }
}
