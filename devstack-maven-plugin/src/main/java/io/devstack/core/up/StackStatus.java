package io.devstack.core.up;

import io.devstack.core.Progress;
import io.devstack.core.compose.ComposeReader;
import io.devstack.core.compose.ComposeRequest;
import io.devstack.core.engine.ContainerInfo;
import io.devstack.core.engine.Engine;
import io.devstack.core.stack.Stack;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code devstack:status}: one row per service of the compose file, and per orphan container of the project. */
public final class StackStatus {
    private final Engine engine;
    private final Progress progress;

    public StackStatus(Engine engine, Progress progress) {
        this.engine = engine;
        this.progress = progress;
    }

    public List<String> run(ComposeRequest request) {
        Stack stack = new ComposeReader(progress::warn).read(request);
        engine.info();
        List<ContainerInfo> containers = engine.containers(Labels.filter(stack.project(), null));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"SERVICE", "STATE", "HEALTH", "PORTS", "IMAGE", "UPTIME"});
        for (String service : stack.services().keySet()) {
            List<ContainerInfo> mine = containers.stream()
                    .filter(c -> service.equals(c.labels().get(Labels.SERVICE))).toList();
            if (mine.isEmpty()) {
                rows.add(new String[] {service, "not created", "-", "-", stack.services().get(service)
                        .imageFor(stack.project()), "-"});
            }
            mine.forEach(c -> rows.add(row(service, c)));
        }
        containers.stream().filter(c -> !stack.services().containsKey(c.labels().get(Labels.SERVICE)))
                .forEach(c -> rows.add(row(c.labels().get(Labels.SERVICE) + " (not in compose file)", c)));
        return Table.format(rows);
    }

    private static String[] row(String service, ContainerInfo c) {
        String ports = c.ports().isEmpty() ? "-" : String.join(", ", c.ports().stream().map(Object::toString).toList());
        String uptime = c.running() && c.startedAt() != null ? uptime(Duration.between(c.startedAt(), Instant.now()))
                : "-";
        String state = c.state() + ("exited".equals(c.state()) ? " (" + c.exitCode() + ")" : "");
        return new String[] {service, state, c.health() == null ? "-" : c.health(), ports, c.image(), uptime};
    }

    static String uptime(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + String.format("%02d", s % 60) + "s";
        }
        if (s < 86400) {
            return (s / 3600) + "h" + String.format("%02d", (s % 3600) / 60) + "m";
        }
        return (s / 86400) + "d" + String.format("%02d", (s % 86400) / 3600) + "h";
    }
}
