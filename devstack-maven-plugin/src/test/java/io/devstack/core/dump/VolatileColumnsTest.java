package io.devstack.core.dump;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class VolatileColumnsTest {
    @Test
    void mariaDbFlywayRowGetsFixedTimeAndDuration() {
        String row = "INSERT INTO `flyway_schema_history` (`installed_rank`, `version`, `description`, `type`, `script`, "
                + "`checksum`, `installed_by`, `installed_on`, `execution_time`, `success`) VALUES "
                + "(1,'1','it\\'s, (init)','SQL','V1__init.sql',-1234,'root','2026-11-29 08:01:02',37,1);";
        assertEquals("INSERT INTO `flyway_schema_history` (`installed_rank`, `version`, `description`, `type`, `script`, "
                + "`checksum`, `installed_by`, `installed_on`, `execution_time`, `success`) VALUES "
                + "(1,'1','it\\'s, (init)','SQL','V1__init.sql',-1234,'root','2000-01-01 00:00:00',0,1);",
                VolatileColumns.pin(row, true));
    }

    @Test
    void postgresFlywayRowKeepsItsSpacingAndQuoting() {
        String row = "INSERT INTO public.flyway_schema_history (installed_rank, version, description, type, script, "
                + "checksum, installed_by, installed_on, execution_time, success) VALUES (2, '2', 'a ''b'', c\\', "
                + "'SQL', 'V2__b.sql', 99, 'shop', '2026-11-29 08:01:02.123456', 5, true);";
        assertEquals("INSERT INTO public.flyway_schema_history (installed_rank, version, description, type, script, "
                + "checksum, installed_by, installed_on, execution_time, success) VALUES (2, '2', 'a ''b'', c\\', "
                + "'SQL', 'V2__b.sql', 99, 'shop', '2000-01-01 00:00:00', 0, true);",
                VolatileColumns.pin(row, false));
    }

    @Test
    void liquibaseChangelogOfEitherCaseIsPinned() {
        String row = "INSERT INTO `DATABASECHANGELOG` (`ID`, `AUTHOR`, `DATEEXECUTED`, `ORDEREXECUTED`, `DEPLOYMENT_ID`) "
                + "VALUES ('1','dev','2026-11-29 08:01:02',1,'4823749823');";
        assertEquals("INSERT INTO `DATABASECHANGELOG` (`ID`, `AUTHOR`, `DATEEXECUTED`, `ORDEREXECUTED`, `DEPLOYMENT_ID`) "
                + "VALUES ('1','dev','2000-01-01 00:00:00',1,'0000000000');", VolatileColumns.pin(row, true));
    }

    @Test
    void rowWhoseValueSpansLinesIsPinnedAndItsLinesAreNotTakenForRows() {
        String row = "INSERT INTO public.databasechangelog (id, comments, dateexecuted, deployment_id) VALUES "
                + "('1', 'first line\nINSERT INTO x (a) VALUES (1);\nlast', '2026-11-29 08:01:02', '4823749823');";
        String text = "SET x = 1;\n" + row + "\n-- end\n";
        assertEquals("SET x = 1;\nINSERT INTO public.databasechangelog (id, comments, dateexecuted, deployment_id) "
                + "VALUES ('1', 'first line\nINSERT INTO x (a) VALUES (1);\nlast', '2000-01-01 00:00:00', "
                + "'0000000000');\n-- end\n", VolatileColumns.pin(text, false));
    }

    @Test
    void otherTablesNullsAndOddLinesAreLeftAlone() {
        String other = "INSERT INTO `currency` (`code`, `installed_on`) VALUES ('EUR','2026-11-29 08:01:02');";
        String nullTime = "INSERT INTO flyway_schema_history (installed_rank, installed_on) VALUES (1, NULL);";
        String unbalanced = "INSERT INTO flyway_schema_history (installed_rank, installed_on) VALUES (1, 'x);";
        String text = "-- comment\n" + other + "\n" + nullTime + "\n" + unbalanced + "\n";
        assertEquals(text, VolatileColumns.pin(text, true));
    }
}
