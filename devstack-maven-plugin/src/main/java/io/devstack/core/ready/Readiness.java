package io.devstack.core.ready;

import io.devstack.core.Durations;
import io.devstack.core.Setting;
import io.devstack.core.engine.ContainerInfo;
import io.devstack.core.engine.Engine;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Waits until every condition of a service holds. Fails at once when the container exits (unless exiting is what
 * is awaited) or turns unhealthy, and with the conditions not met and its last log lines when time runs out.
 */
public final class Readiness {
    private static final int LOG_LINES = 20;
    private final Engine engine;
    private final BooleanSupplier aborted;

    /** {@code aborted} lets a failure elsewhere in the stack (or Ctrl-C) end the wait early. */
    public Readiness(Engine engine, BooleanSupplier aborted) {
        this.engine = engine;
        this.aborted = aborted;
    }

    public ContainerInfo await(String service, String containerId, List<ReadyCondition> conditions, Duration timeout) {
        return await(service, containerId, conditions, timeout, null);
    }

    /** {@code inspected}: the container as the caller inspected it just now, taken as the first look (or null). */
    public ContainerInfo await(String service, String containerId, List<ReadyCondition> conditions, Duration timeout,
                               ContainerInfo inspected) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long start = System.nanoTime();
        boolean awaitsExit = conditions.stream().anyMatch(ReadyCondition::awaitsExit);
        ContainerInfo known = inspected;
        while (true) {
            ContainerInfo info = known != null ? known : engine.inspect(containerId);
            known = null;
            if (("exited".equals(info.state()) || "dead".equals(info.state()))
                    && !(awaitsExit && Long.valueOf(0).equals(info.exitCode()))) {
                throw notReady(service, containerId, "service " + service + " exited with code " + info.exitCode()
                        + (awaitsExit ? " (it must complete successfully)" : " while starting"));
            }
            if ("unhealthy".equals(info.health()) && !awaitsExit) {
                throw notReady(service, containerId, "service " + service + " is unhealthy: its healthcheck keeps "
                        + "failing");
            }
            List<ReadyCondition> unmet = conditions.stream().filter(c -> !c.met(info, engine)).toList();
            if (unmet.isEmpty()) {
                return info;
            }
            if (aborted.getAsBoolean()) {
                throw ServiceNotReadyException.stoppedForAnother(service, "stopped waiting for " + service
                        + ": up is failing");
            }
            if (System.nanoTime() > deadline) {
                throw notReady(service, containerId, "service " + service + " was not ready within "
                        + Durations.format(timeout) + ": still waiting for "
                        + String.join(", ", unmet.stream().map(ReadyCondition::describe).toList())
                        + " (state " + info.state() + (info.health() != null ? ", health " + info.health() : "")
                        + "); raise the timeout (" + Setting.any(Setting.TIMEOUT, Setting.WAITS) + ") if it is just slow");
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
            throw new ServiceNotReadyException("?", "interrupted while waiting");
        }
    }
}
