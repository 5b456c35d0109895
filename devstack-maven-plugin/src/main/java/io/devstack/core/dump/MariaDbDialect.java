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
        return CLIENT + Loads.script(file, "\"$client\" --user=root --database=" + database);
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
