package com.example.catalog;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A plain web service: {@code GET /items} answers with one {@code name<TAB>category name<TAB>price} line per item,
 * in item id order; {@code GET /health} with {@code ok} when {@code SELECT 1} succeeds. Configured by the
 * environment: {@code PORT} (8080), {@code DB_URL}, {@code DB_USER}, {@code DB_PASSWORD}. The schema and seed data
 * ({@code schema.sql}, {@code data.sql}) are applied by whoever provisions the database, never by this service.
 */
public final class CatalogService {
    private final String url;
    private final String user;
    private final String password;

    private CatalogService(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(env("PORT", "8080"));
        String url = env("DB_URL", "jdbc:postgresql://127.0.0.1:5432/app");
        CatalogService service = new CatalogService(url, env("DB_USER", "app"), env("DB_PASSWORD", "app"));
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        ExecutorService executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.createContext("/", service::handle);
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(1);
            executor.shutdown();
        }, "shutdown"));
        System.out.println("whole-schema-service listening on port " + port + ", database " + url);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            if (!"GET".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "method not allowed\n");
                return;
            }
            try {
                switch (exchange.getRequestURI().getPath()) {
                    case "/items" -> send(exchange, 200, items());
                    case "/health" -> send(exchange, 200, health());
                    default -> send(exchange, 404, "not found\n");
                }
            } catch (SQLException e) {
                send(exchange, 503, "database unavailable: " + e.getMessage() + "\n");
            }
        } finally {
            exchange.close();
        }
    }

    private String items() throws SQLException {
        StringBuilder body = new StringBuilder();
        try (Connection connection = DriverManager.getConnection(url, user, password);
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT i.name, c.name AS category, i.price"
                             + " FROM item i JOIN category c ON c.id = i.category_id ORDER BY i.id");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                body.append(rows.getString("name")).append('\t')
                        .append(rows.getString("category")).append('\t')
                        .append(rows.getBigDecimal("price").toPlainString()).append('\n');
            }
        }
        return body.toString();
    }

    private String health() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             PreparedStatement statement = connection.prepareStatement("SELECT 1");
             ResultSet rows = statement.executeQuery()) {
            if (!rows.next() || rows.getInt(1) != 1) {
                throw new SQLException("SELECT 1 returned no row");
            }
            return "ok\n";
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String env(String name, String defaultValue) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? defaultValue : value;
    }
}
