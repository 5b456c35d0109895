package io.devstack.core.dump;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The base tables of a database and how many rows each holds, by name as the database spells it
 * ({@code table} on MariaDB/MySQL, {@code schema.table} on PostgreSQL), in name order.
 */
public record TableCensus(Map<String, Long> rows) {
    /** A possibly schema-qualified name whose parts are plain words or quoted identifiers (any characters). */
    private static final String NAME = "((?:`[^`]+`|\"[^\"]+\"|[\\w$]+)(?:\\.(?:`[^`]+`|\"[^\"]+\"|[\\w$]+))?)";
    private static final Pattern CREATE = Pattern.compile("(?m)^CREATE TABLE (?:IF NOT EXISTS )?" + NAME);
    private static final Pattern INSERT = Pattern.compile("(?m)^INSERT INTO " + NAME);
    private static final Pattern COPY = Pattern.compile("(?m)^COPY " + NAME + "[^\\n]* FROM stdin;\\n");
    public static final TableCensus EMPTY = new TableCensus(Map.of());

    public TableCensus {
        rows = Collections.unmodifiableMap(new TreeMap<>(rows));
    }

    /** Parses the client's tab-separated "table, count" lines. */
    static TableCensus parse(String output) {
        Map<String, Long> rows = new TreeMap<>();
        for (String line : output.split("\n")) {
            int tab = line.lastIndexOf('\t');
            if (tab > 0) {
                rows.put(line.substring(0, tab), Long.parseLong(line.substring(tab + 1).strip()));
            }
        }
        return new TableCensus(rows);
    }

    /**
     * What a dump's text creates and inserts, for when it was not loaded (from scratch, live): one row per INSERT
     * statement (devstack's own dumps write one per row) and per line of a COPY block.
     */
    public static TableCensus ofText(String dump) {
        Map<String, Long> rows = new TreeMap<>();
        if (dump == null) {
            return new TableCensus(rows);
        }
        Matcher create = CREATE.matcher(dump);
        while (create.find()) {
            rows.putIfAbsent(unquote(create.group(1)), 0L);
        }
        Matcher insert = INSERT.matcher(dump);
        while (insert.find()) {
            rows.merge(unquote(insert.group(1)), 1L, Long::sum);
        }
        Matcher copy = COPY.matcher(dump);
        while (copy.find()) {
            int end = dump.indexOf("\n\\.", copy.end() - 1);
            long lines = end < 0 ? 0 : dump.substring(copy.end(), end + 1).chars().filter(c -> c == '\n').count();
            rows.merge(unquote(copy.group(1)), lines, Long::sum);
        }
        return new TableCensus(rows);
    }

    public boolean has(String table) {
        return find(table) != null;
    }

    /** Rows of {@code table} (compared without case), 0 when it has none or does not exist. */
    public long rowsOf(String table) {
        String name = find(table);
        return name == null ? 0 : rows.get(name);
    }

    /**
     * The name as spelled here of the table called {@code table}, or null: the exact name first, then (for a bare name,
     * as {@code <dataTables>} gives them) the one table of that name in any schema, compared without case only when
     * that leaves a single match.
     */
    String find(String table) {
        if (rows.containsKey(table)) {
            return table;
        }
        List<String> sameBare = rows.keySet().stream().filter(n -> bare(n).equals(bare(table))
                && (!table.contains(".") || n.equals(table))).toList();
        if (sameBare.size() == 1) {
            return sameBare.get(0);
        }
        List<String> ignoringCase = rows.keySet().stream().filter(n -> n.equalsIgnoreCase(table)
                || (!table.contains(".") && bare(n).equalsIgnoreCase(table))).toList();
        return ignoringCase.size() == 1 ? ignoringCase.get(0) : null;
    }

    static String bare(String table) {
        return table.substring(table.lastIndexOf('.') + 1);
    }

    private static String unquote(String name) {
        return name.replace("`", "").replace("\"", "");
    }
}
