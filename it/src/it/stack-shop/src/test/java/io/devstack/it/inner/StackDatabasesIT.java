package io.devstack.it.inner;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs in the consumer's failsafe: its own database and the included catalog's, found through build properties. */
class StackDatabasesIT {
    @Test
    void readsTheConsumersRowsAndTheIncludedStacksRows() throws Exception {
        assertEquals("10", query("db", "shop", "SELECT id FROM orders"));
        assertEquals("lamp", query("catalog", "catalog", "SELECT name FROM item WHERE id = 1"));
    }

    private static String query(String prefix, String database, String sql) throws Exception {
        String host = System.getProperty(prefix + ".host");
        String port = System.getProperty(prefix + ".port");
        assertTrue(port != null && port.matches("\\d+"), prefix + ".port is a published port, not \"" + port + "\"");
        try (Connection connection = DriverManager.getConnection("jdbc:mariadb://" + host + ":" + port + "/"
                + database, "root", "secret"); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            assertTrue(rows.next(), sql + " has a row");
            return rows.getString(1);
        }
    }
}
