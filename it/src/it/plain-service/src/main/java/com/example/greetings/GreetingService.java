package com.example.greetings;

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
 * A plain web service: {@code GET /greetings} answers with the rows of the {@code greetings} table, one
 * {@code language<TAB>text} line each, in id order; {@code GET /health} with 200 when the database answers.
 * Configured by the environment: {@code PORT} (8080), {@code DB_URL}, {@code DB_USER}, {@code DB_PASSWORD}.
 */
public final class GreetingService {
    private final String url;
    private final String user;
    private final String password;

    private GreetingService(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(env("PORT", "8080"));
        String url = env("DB_URL", "jdbc:mariadb://127.0.0.1:3306/app");
        GreetingService service = new GreetingService(url, env("DB_USER", "app"), env("DB_PASSWORD", "app"));
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        ExecutorService executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.createContext("/", service::handle);
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(1);
            executor.shutdown();
        }, "shutdown"));
        System.out.println("plain-service listening on port " + port + ", database " + url);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            if (!"GET".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "method not allowed\n");
                return;
            }
            try {
                switch (path) {
                    case "/greetings" -> send(exchange, 200, greetings());
                    case "/health" -> send(exchange, 200, ping());
                    default -> send(exchange, 404, "not found\n");
                }
            } catch (SQLException e) {
                send(exchange, 503, "database unavailable: " + e.getMessage() + "\n");
            }
        } finally {
            exchange.close();
        }
    }

    private String greetings() throws SQLException {
        StringBuilder body = new StringBuilder();
        try (Connection connection = DriverManager.getConnection(url, user, password);
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT language, text FROM greetings ORDER BY id");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                body.append(rows.getString("language")).append('\t').append(rows.getString("text")).append('\n');
            }
        }
        return body.toString();
    }

    private String ping() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            return connection.isValid(2) ? "ok\n" : "database did not answer\n";
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
