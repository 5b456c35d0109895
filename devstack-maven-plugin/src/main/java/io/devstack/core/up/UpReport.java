package io.devstack.core.up;

import java.util.ArrayList;
import java.util.List;

/** The outcome of {@code up}: one row per service, and whether anything changed. */
public record UpReport(String project, List<ServiceState> services, int dumpsLoaded) {

    public boolean changedNothing() {
        return dumpsLoaded == 0 && services.stream().allMatch(s -> s.action().equals("up to date"));
    }

    /** A fixed-width table for the build log. */
    public List<String> table() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"SERVICE", "STATE", "HEALTH", "PORTS", "CONTAINER", "THIS RUN"});
        for (ServiceState s : services) {
            rows.add(new String[] {s.service(), s.state(), s.health() == null ? "-" : s.health(),
                    s.ports().isEmpty() ? "-" : String.join(", ", s.ports().stream().map(Object::toString).toList()),
                    s.containerId().substring(0, Math.min(12, s.containerId().length())), s.action()});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 2) + "s", row[i]));
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }
}
