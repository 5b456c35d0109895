package io.devstack.sample;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A tiny HTTP service backed by MariaDB, used by the devstack integration tests.
 *
 * <p>Configuration (environment):
 * <ul>
 *   <li>{@code PORT} – HTTP port, default 8080</li>
 *   <li>{@code DB_URL} – JDBC URL, default {@code jdbc:mariadb://localhost:3306/shop}</li>
 *   <li>{@code DB_USER}, {@code DB_PASSWORD} – credentials, default {@code shop}/{@code shop}</li>
 * </ul>
 *
 * <p>Endpoints: {@code GET /health} (200 {@code ok} when {@code SELECT 1} succeeds, else 503 with
 * the error), {@code GET /products} (JSON array of the {@code products} table); anything else 404.
 */
public final class SampleService {

    private final ProductRepository repository;

    SampleService(ProductRepository repository) {
        this.repository = repository;
    }

    public static void main(String[] args) throws IOException {
        int port = parsePort(env("PORT", "8080"));
        String dbUrl = env("DB_URL", "jdbc:mariadb://localhost:3306/shop");
        ProductRepository repository = new ProductRepository(
                dbUrl, env("DB_USER", "shop"), env("DB_PASSWORD", "shop"));

        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        ExecutorService executor = Executors.newFixedThreadPool(8);
        server.setExecutor(executor);
        server.createContext("/", new SampleService(repository)::handle);
        server.start();

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(1);
            executor.shutdown();
        }, "shutdown"));

        System.out.println("sample-service listening on port " + port + ", database " + dbUrl);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            boolean get = "GET".equals(exchange.getRequestMethod());
            if (get && "/health".equals(path)) {
                health(exchange);
            } else if (get && "/products".equals(path)) {
                products(exchange);
            } else {
                send(exchange, 404, "text/plain", "not found\n");
            }
        } catch (RuntimeException e) {
            // HttpServer would otherwise drop the connection without any response.
            System.err.println("request failed: " + e);
            if (exchange.getResponseCode() == -1) {
                send(exchange, 500, "text/plain", "internal error\n");
            }
        } finally {
            exchange.close();
        }
    }

    private void health(HttpExchange exchange) throws IOException {
        try {
            repository.ping();
            send(exchange, 200, "text/plain", "ok");
        } catch (SQLException e) {
            send(exchange, 503, "text/plain", message(e));
        }
    }

    private void products(HttpExchange exchange) throws IOException {
        List<Product> products;
        try {
            products = repository.findAll();
        } catch (SQLException e) {
            send(exchange, 503, "text/plain", message(e));
            return;
        }
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < products.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            Product p = products.get(i);
            json.append("{\"id\":").append(p.id())
                    .append(",\"name\":").append(Json.string(p.name()))
                    .append(",\"price\":").append(Json.string(p.price().toPlainString()))
                    .append('}');
        }
        json.append(']');
        send(exchange, 200, "application/json", json.toString());
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType + "; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String message(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    private static String env(String name, String defaultValue) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? defaultValue : value;
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PORT must be a port number, got '" + value + "'");
        }
    }
}
