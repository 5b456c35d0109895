package io.devstack.core.ready;

import io.devstack.core.engine.ContainerInfo;
import io.devstack.core.engine.Engine;
import io.devstack.core.engine.ExecResult;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/** The readiness conditions devstack knows, small and independent (as Testcontainers' wait strategies). */
public final class Conditions {
    private Conditions() {
    }

    /** Docker's own healthcheck says healthy. */
    public static ReadyCondition healthy() {
        return new ReadyCondition() {
            @Override public String describe() {
                return "healthy";
            }

            @Override public boolean met(ContainerInfo c, Engine e) {
                return c.running() && "healthy".equals(c.health());
            }
        };
    }

    public static ReadyCondition running() {
        return new ReadyCondition() {
            @Override public String describe() {
                return "running";
            }

            @Override public boolean met(ContainerInfo c, Engine e) {
                return c.running();
            }
        };
    }

    /** For one-shot services others wait on with service_completed_successfully. */
    public static ReadyCondition exitedSuccessfully() {
        return new ReadyCondition() {
            @Override public String describe() {
                return "completed successfully";
            }

            @Override public boolean met(ContainerInfo c, Engine e) {
                return "exited".equals(c.state()) && Long.valueOf(0).equals(c.exitCode());
            }

            @Override public boolean awaitsExit() {
                return true;
            }
        };
    }

    /** A TCP connection to the port as published on the host. */
    public static ReadyCondition tcp(String host, int containerPort) {
        return new ReadyCondition() {
            @Override public String describe() {
                return "tcp port " + containerPort;
            }

            @Override public boolean met(ContainerInfo c, Engine e) {
                Integer hostPort = Published.hostPort(c, containerPort);
                if (hostPort == null || !c.running()) {
                    return false;
                }
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(Published.host(c, containerPort, host), hostPort), 1000);
                    return true;
                } catch (IOException notYet) {
                    return false;
                }
            }
        };
    }

    /** The container's log has matched the pattern at least {@code count} times. */
    public static ReadyCondition log(String regex, int count) {
        Pattern pattern = Pattern.compile(regex);
        return new ReadyCondition() {
            @Override public String describe() {
                return "log /" + regex + "/" + (count > 1 ? " " + count + " times" : "");
            }

            @Override public boolean met(ContainerInfo c, Engine e) {
                AtomicInteger matches = new AtomicInteger();
                e.logs(c.id(), false, null, line -> {
                    if (pattern.matcher(line).find()) {
                        matches.incrementAndGet();
                    }
                });
                return matches.get() >= count;
            }
        };
    }

    /** A command run in the container (through sh -c) exits 0. */
    public static ReadyCondition exec(String command) {
        return new ReadyCondition() {
            @Override public String describe() {
                return "exec `" + command + "` exits 0";
            }

            @Override public boolean met(ContainerInfo c, Engine e) {
                if (!c.running()) {
                    return false;
                }
                ExecResult result = e.exec(c.id(), List.of("sh", "-c", command), java.util.Map.of());
                return result.succeeded();
            }
        };
    }

    /** An HTTP GET of the path on the published port answers with the status. */
    public static ReadyCondition http(String host, int containerPort, String path, int status) {
        return new ReadyCondition() {
            @Override public String describe() {
                return "http GET :" + containerPort + path + " answers " + status;
            }

            @Override public boolean met(ContainerInfo c, Engine e) {
                Integer hostPort = Published.hostPort(c, containerPort);
                if (hostPort == null || !c.running()) {
                    return false;
                }
                try {
                    URI uri = URI.create("http://" + Published.host(c, containerPort, host) + ":" + hostPort + path);
                    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
                    connection.setConnectTimeout(1000);
                    connection.setReadTimeout(2000);
                    try {
                        return connection.getResponseCode() == status;
                    } finally {
                        connection.disconnect();
                    }
                } catch (IOException notYet) {
                    return false;
                }
            }
        };
    }
}
