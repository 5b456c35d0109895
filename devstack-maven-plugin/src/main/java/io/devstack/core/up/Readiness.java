package io.devstack.core.up;

import io.devstack.core.Durations;
import io.devstack.core.engine.ContainerInfo;
import io.devstack.core.engine.Engine;

import java.time.Duration;
import java.util.List;

/**
 * Waits until a service's container is healthy (when it has a healthcheck) or running (when not). Fails at
 * once when the container exits or turns unhealthy, and with its last log lines when time runs out.
 */
final class Readiness {
    private static final int LOG_LINES = 20;
    private final Engine engine;

    Readiness(Engine engine) {
        this.engine = engine;
    }

    ContainerInfo await(String service, String containerId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long start = System.nanoTime();
        while (true) {
            ContainerInfo info = engine.inspect(containerId);
            if ("exited".equals(info.state()) || "dead".equals(info.state())) {
                throw notReady(service, containerId, "service " + service + " exited with code " + info.exitCode()
                        + " while starting");
            }
            if ("unhealthy".equals(info.health())) {
                throw notReady(service, containerId, "service " + service + " is unhealthy: its healthcheck keeps "
                        + "failing");
            }
            if (info.running() && (info.health() == null || "healthy".equals(info.health()))) {
                return info;
            }
            if (System.nanoTime() > deadline) {
                String condition = info.health() == null ? "running (state: " + info.state() + ")"
                        : "healthy (health: " + info.health() + ")";
                throw notReady(service, containerId, "service " + service + " did not become " + condition
                        + " within " + Durations.format(timeout) + "; raise -Ddevstack.timeout (seconds) if it "
                        + "is just slow");
            }
            sleep(Duration.ofNanos(System.nanoTime() - start).toMillis() < 2000 ? 100 : 250);
        }
    }

    private ServiceNotReadyException notReady(String service, String containerId, String message) {
        List<String> logs = engine.logTail(containerId, LOG_LINES);
        StringBuilder sb = new StringBuilder(message);
        if (!logs.isEmpty()) {
            sb.append("\n  last log lines of ").append(service).append(':');
            logs.forEach(line -> sb.append("\n    ").append(line));
        }
        return new ServiceNotReadyException(service, sb.toString());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
