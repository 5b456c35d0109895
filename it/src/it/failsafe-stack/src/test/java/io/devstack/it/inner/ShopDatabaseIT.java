package io.devstack.it.inner;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs inside the test project's failsafe: the database devstack:up started, found through build properties. */
class ShopDatabaseIT {
    @Test
    void readsTheRowLoadedFromTheDump() throws Exception {
        String host = System.getProperty("db.host");
        String port = System.getProperty("db.port");
        assertTrue(port != null && port.matches("\\d+"), "db.port is the published port, not \"" + port + "\"");
        String url = "jdbc:mariadb://" + host + ":" + port + "/shop";
        try (Connection connection = DriverManager.getConnection(url, "root", "secret");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT text FROM greetings WHERE id = 1")) {
            assertTrue(rows.next(), "row 1 of the dump is there");
            assertEquals("hello from the dump", rows.getString(1));
        }
    }
}
