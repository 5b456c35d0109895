package io.devstack.core.dump;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What a refreshed dump changes against the committed one, in a few lines: tables added or removed, rows moved. */
final class DumpChanges {
    private DumpChanges() {
    }

    static List<String> describe(String shown, TableCensus before, TableCensus after, List<String> dataTables) {
        List<String> lines = new ArrayList<>();
        List<String> added = after.rows().keySet().stream().filter(t -> !before.has(t)).toList();
        List<String> removed = before.rows().keySet().stream().filter(t -> !after.has(t)).toList();
        long rows = dataTables.stream().mapToLong(after::rowsOf).sum();
        lines.add(shown + ": " + after.rows().size() + " tables" + (added.isEmpty() ? "" : ", added " + added)
                + (removed.isEmpty() ? "" : ", removed " + removed) + "; rows of " + dataTables.size()
                + " data table(s): " + String.format(Locale.ROOT, "%,d", rows));
        int unchanged = 0;
        for (String table : dataTables) {
            long was = before.rowsOf(table);
            long now = after.rowsOf(table);
            if (was == now && before.has(table)) {
                unchanged++;
            } else {
                lines.add("  " + table + ": " + (before.has(table) ? was : "new") + " -> " + now + " rows");
            }
        }
        if (unchanged > 0) {
            lines.add("  " + unchanged + " data table(s) with the same row count as before");
        }
        return lines;
    }
}
