package io.devstack.core.dump;

import io.devstack.core.dump.DumpDialect.ErrorAt;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static java.time.Duration.ofSeconds;

/** Finding the failing line of a dump in what the database client wrote to stderr. */
class DumpErrorParsingTest {
    private final MariaDbDialect mariaDb = new MariaDbDialect();
    private final PostgresDialect postgres = new PostgresDialect();

    /** A multi-megabyte extended INSERT, full of colons, parentheses and the word "line". */
    private static String hugeStatement() {
        StringBuilder sb = new StringBuilder("INSERT INTO `orders` VALUES ");
        for (int i = 0; i < 40_000; i++) {
            sb.append(i == 0 ? "" : ",").append("(").append(i)
                    .append(",'2024-01-01 12:00:00','note at line ").append(i).append(": (ok)')");
        }
        return sb.toString();
    }

    @Test
    void mariaDbErrorAfterAHugeEchoedStatement() {
        String stderr = hugeStatement() + "\n"
                + "ERROR 1064 (42000) at line 12: You have an error in your SQL syntax; check the manual that "
                + "corresponds to your MariaDB server version for the right syntax to use near 'VALUS (3,'c')' at line 1\n";

        Optional<ErrorAt> error = assertTimeoutPreemptively(ofSeconds(5), () -> mariaDb.error(stderr));

        assertEquals(Optional.of(new ErrorAt(12, "ERROR 1064 (42000): You have an error in your SQL syntax; check "
                + "the manual that corresponds to your MariaDB server version for the right syntax to use near "
                + "'VALUS (3,'c')' at line 1")), error);
    }

    @Test
    void mariaDbErrorAfterAClientWarning() {
        String stderr = "mysql: Deprecated program name. It will be removed in a future release, use "
                + "'/usr/bin/mariadb' instead\n"
                + "ERROR 1146 (42S02) at line 7: Table 'shop.nope' doesn't exist\n";
        assertEquals(Optional.of(new ErrorAt(7, "ERROR 1146 (42S02): Table 'shop.nope' doesn't exist")),
                mariaDb.error(stderr));
    }

    @Test
    void mariaDbWithoutALineNumber() {
        assertEquals(Optional.empty(), mariaDb.error("ERROR 2002 (HY000): Can't connect to local server through "
                + "socket '/run/mysqld/mysqld.sock' (2)\n"));
        assertEquals(Optional.empty(), mariaDb.error(""));
    }

    @Test
    void postgresErrorWithFileName() {
        String stderr = "psql:/tmp/devstack-dumps/x.sql:3: NOTICE:  table \"old\" does not exist, skipping\n"
                + "psql:/tmp/devstack-dumps/x.sql:7: ERROR:  relation \"nope\" does not exist\n"
                + "LINE 1: INSERT INTO nope VALUES (1);\n"
                + "                    ^\n";
        ErrorAt error = postgres.error(stderr).orElseThrow();
        assertEquals(7, error.line());
        assertEquals("ERROR:  relation \"nope\" does not exist", error.message());
    }

    @Test
    void postgresErrorFromStdin() {
        String stderr = "psql:<stdin>:7: ERROR:  syntax error at or near \"SELEC\"\n"
                + "LINE 1: SELEC 1;\n"
                + "        ^\n";
        assertEquals(Optional.of(new ErrorAt(7, "ERROR:  syntax error at or near \"SELEC\"")), postgres.error(stderr));
    }

    @Test
    void postgresErrorAfterAHugeEchoedStatement() {
        String stderr = hugeStatement() + "\n"
                + "psql:/tmp/devstack-dumps/x.sql:1234: ERROR:  duplicate key value violates unique constraint \"orders_pkey\"\n"
                + "DETAIL:  Key (id)=(1) already exists.\n";
        Optional<ErrorAt> error = assertTimeoutPreemptively(ofSeconds(5), () -> postgres.error(stderr));
        assertEquals(Optional.of(new ErrorAt(1234,
                "ERROR:  duplicate key value violates unique constraint \"orders_pkey\"")), error);
    }

    @Test
    void postgresWithoutALineNumber() {
        assertEquals(Optional.empty(), postgres.error("psql: error: connection to server on socket "
                + "\"/var/run/postgresql/.s.PGSQL.5432\" failed: FATAL:  role \"shop\" does not exist\n"));
    }
}
