package io.devstack.core.dump;

import io.devstack.core.stack.Service;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How one database family is driven from inside its container: its own client, its own error format. */
public interface DumpDialect {
    String name();

    /** Environment for exec'd client commands (credentials taken from the service's own environment). */
    Map<String, String> clientEnv(Service service);

    /** Directory that holds the data (a volume), where load markers live with the data they describe. */
    String dataDir(Service service);

    /** A shell script run with {@code sh -c} that creates the database when absent. */
    String createDatabase(Service service, String database);

    String dropDatabase(Service service, String database);

    /** A shell script that loads {@code file} (plain or .gz) into the database; non-zero exit on any error. */
    String load(Service service, String database, String file);

    /**
     * A shell script that writes the schema, then the rows of {@code dataTables} (names as {@link #census} spells
     * them, all existing), to {@code file}.
     */
    String dump(Service service, String database, List<String> dataTables, String file);

    /** A shell script that prints one {@code table<TAB>rows} line per base table of the database. */
    String census(Service service, String database);

    /**
     * A shell script that sets every sequence from the data it numbers, so a dump of the same rows carries the same
     * sequence values and inserts after loading it get fresh keys; null when the database needs none (MariaDB/MySQL
     * move AUTO_INCREMENT past the highest key a load inserts). Run on a throwaway database only.
     */
    default String alignSequences(Service service, String database) {
        return null;
    }

    /** Removes what changes between runs on the same schema (dates, versions, counters, definers). */
    String normalize(String dump);

    /** The database scripts run in when they name none: the one the image's environment creates. */
    String defaultDatabase(Service service);

    /** Container port the server listens on. */
    int port();

    /** JDBC URL, user and password for a client on this machine reaching the published port. */
    java.util.Map<String, String> jdbc(Service service, String database, int hostPort);

    /** The same as {@link #load}, reading the dump from standard input. */
    String loadFromStdin(Service service, String database, boolean gzipped);

    /** The line and message of the first error in the client's stderr, when it names one. */
    Optional<ErrorAt> error(String stderr);

    record ErrorAt(int line, String message) {
    }

    static List<String> shell(String script) {
        return List.of("sh", "-c", script);
    }

    /** {@code text} as one single-quoted shell word. */
    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
