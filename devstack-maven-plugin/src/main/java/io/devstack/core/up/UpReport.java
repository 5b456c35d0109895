package io.devstack.core.up;

import io.devstack.core.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of {@code up}: one row per service, and whether anything changed. {@code servicesHost}: where the build
 * reaches the published ports when that is not where the engine says (a remote engine's machine), else null.
 */
public record UpReport(String project, List<ServiceState> services, int dumpsLoaded, int orphansRemoved,
                       String servicesHost) {

    public UpReport(String project, List<ServiceState> services, int dumpsLoaded) {
        this(project, services, dumpsLoaded, 0, null);
    }

    public UpReport(String project, List<ServiceState> services, int dumpsLoaded, int orphansRemoved) {
        this(project, services, dumpsLoaded, orphansRemoved, null);
    }

    public UpReport withServicesHost(String host) {
        return new UpReport(project, services, dumpsLoaded, orphansRemoved, host);
    }

    public boolean changedNothing() {
        return dumpsLoaded == 0 && orphansRemoved == 0
                && services.stream().allMatch(s -> s.action() == ServiceAction.UP_TO_DATE);
    }

    /**
     * Where each service is reachable, as build properties: {@code devstack.<service>.host} (the services host when
     * set) and {@code devstack.<service>.port.<containerPort>} = the published host port.
     */
    public java.util.Map<String, String> properties() {
        java.util.Map<String, String> props = new java.util.TreeMap<>();
        for (ServiceState s : services) {
            for (var port : s.ports()) {
                String ip = port.hostIp();
                if (ip.contains(":")) {
                    continue; // the IPv6 twin of a wildcard binding: the IPv4 one is enough
                }
                props.putIfAbsent("devstack." + s.service() + ".host", servicesHost != null ? servicesHost
                        : ip.isEmpty() || ip.equals("0.0.0.0") ? "localhost" : ip);
                props.putIfAbsent("devstack." + s.service() + ".port." + port.containerPort(),
                        String.valueOf(port.hostPort()));
            }
        }
        return props;
    }

    /** Writes {@link #properties()} atomically, for tools outside the Maven build. */
    public void writeProperties(java.nio.file.Path file) {
        java.util.Properties props = new java.util.Properties();
        props.putAll(properties());
        try {
            java.nio.file.Files.createDirectories(file.getParent());
            java.nio.file.Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            // Properties.store's escaping, without its date line: the same ports give the same file
            java.io.StringWriter text = new java.io.StringWriter();
            props.store(text, null);
            List<String> lines = new ArrayList<>(text.toString().lines().filter(l -> !l.startsWith("#")).sorted().toList());
            lines.add(0, "# devstack: published ports of project " + project);
            java.nio.file.Files.write(tmp, lines, java.nio.charset.StandardCharsets.ISO_8859_1);
            java.nio.file.Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file, e);
        }
    }

    /** A fixed-width table for the build log. */
    public List<String> table() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"SERVICE", "STATE", "HEALTH", "PORTS", "CONTAINER", "THIS RUN"});
        for (ServiceState s : services) {
            rows.add(new String[] {s.service(), s.state(), s.health() == null ? "-" : s.health(),
                    s.ports().isEmpty() ? "-" : String.join(", ", s.ports().stream().map(Object::toString).toList()),
                    s.containerId().substring(0, Math.min(12, s.containerId().length())), s.action().label()});
        }
        return Table.format(rows);
    }
}
