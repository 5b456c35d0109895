package io.devstack.sample;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Plain JDBC access to the {@code products} table; one short-lived connection per request. */
final class ProductRepository {

    /** Connect timeout: a dead or unreachable database must give a quick 503, not a hung request. */
    private static final String CONNECT_TIMEOUT_MS = "2000";
    /** Read timeout for a statement once connected. */
    private static final String SOCKET_TIMEOUT_MS = "10000";

    private final String url;
    private final Properties properties = new Properties();

    ProductRepository(String url, String user, String password) {
        this.url = url;
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", CONNECT_TIMEOUT_MS);
        properties.setProperty("socketTimeout", SOCKET_TIMEOUT_MS);
    }

    /** Runs {@code SELECT 1}; throws when the database cannot be reached or answers wrongly. */
    void ping() throws SQLException {
        try (Connection connection = connect();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT 1")) {
            if (!rs.next() || rs.getInt(1) != 1) {
                throw new SQLException("SELECT 1 returned no row");
            }
        }
    }

    List<Product> findAll() throws SQLException {
        try (Connection connection = connect();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT id, name, price FROM products ORDER BY id");
             ResultSet rs = statement.executeQuery()) {
            List<Product> products = new ArrayList<>();
            while (rs.next()) {
                products.add(new Product(rs.getLong("id"), rs.getString("name"), rs.getBigDecimal("price")));
            }
            return products;
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, properties);
    }
}
