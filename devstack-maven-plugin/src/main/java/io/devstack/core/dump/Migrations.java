package io.devstack.core.dump;

import io.devstack.core.engine.Engine;
import io.devstack.core.engine.ExecResult;
import io.devstack.core.stack.Service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The ways migrations run against the throwaway database. */
public final class Migrations {
    private Migrations() {
    }

    /**
     * How a migration reaches {@code database}: JDBC url, user and password, host and port through the published
     * {@code hostPort} (left out when there is none), and the database name.
     */
    public static Map<String, String> connection(DumpDialect dialect, Service service, String database,
                                                 Integer hostPort) {
        Map<String, String> connection = new java.util.LinkedHashMap<>();
        if (hostPort != null) {
            connection.putAll(dialect.jdbc(service, database, hostPort));
            connection.put("host", "127.0.0.1");
            connection.put("port", String.valueOf(hostPort));
        }
        connection.put("database", database);
        return connection;
    }

    /** A command run with sh -c inside the throwaway container (the project is mounted at /project). */
    public static Migration exec(Engine engine, String command) {
        return new Migration() {
            @Override
            public void migrate(Map<String, String> connection, String container) {
                ExecResult result = engine.exec(container, List.of("sh", "-c", command), Map.of());
                if (!result.succeeded()) {
                    throw new DumpException("migration command `" + command + "` failed with exit code "
                            + result.exitCode() + ":\n  " + tail(result.stdout() + result.stderr()));
                }
            }

            @Override
            public boolean runsOnHost() {
                return false;
            }
        };
    }

    /**
     * A process on this machine (a script, or a Maven goal of the project) with the connection in its environment
     * ({@code DEVSTACK_DB_URL}, {@code _USER}, {@code _PASSWORD}, {@code _HOST}, {@code _PORT}, {@code _NAME}) and,
     * through {@code extraArgs}, on its command line.
     */
    public static Migration process(List<String> command, Path workingDir,
                                    Function<Map<String, String>, List<String>> extraArgs) {
        return (connection, container) -> {
            List<String> full = new ArrayList<>(command);
            full.addAll(extraArgs.apply(connection));
            ProcessBuilder builder = new ProcessBuilder(full).directory(workingDir.toFile()).redirectErrorStream(true);
            builder.environment().put("DEVSTACK_DB_URL", connection.get("url"));
            builder.environment().put("DEVSTACK_DB_USER", connection.get("user"));
            builder.environment().put("DEVSTACK_DB_PASSWORD", connection.get("password"));
            builder.environment().put("DEVSTACK_DB_HOST", connection.get("host"));
            builder.environment().put("DEVSTACK_DB_PORT", connection.get("port"));
            builder.environment().put("DEVSTACK_DB_NAME", connection.get("database"));
            try {
                Process process = builder.start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int exit = process.waitFor();
                if (exit != 0) {
                    throw new DumpException("migration `" + String.join(" ", command) + "` failed with exit code "
                            + exit + ":\n  " + tail(output));
                }
            } catch (IOException e) {
                throw new DumpException("cannot run migration `" + String.join(" ", command) + "`: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DumpException("interrupted while migrating");
            }
        };
    }

    private static String tail(String output) {
        List<String> lines = output.strip().lines().toList();
        return String.join("\n  ", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }
}
