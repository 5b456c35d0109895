package io.devstack.core.dump;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Pins the columns of migration-history rows that record when and how fast a migration ran (Flyway's
 * {@code installed_on} and {@code execution_time}, Liquibase's {@code dateexecuted} and {@code deployment_id}, Django's
 * {@code applied}, and the like for Rails, goose, Knex, Prisma and MyBatis Migrations), so two
 * dumps of the same schema are byte-identical however long ago or how fast the migrations ran. Works on the dump
 * text — one {@code INSERT INTO t (columns) VALUES (...);} per row, which may span lines when a value holds line
 * breaks — so the database itself is never changed, not even for a live dump.
 */
final class VolatileColumns {
    static final String PINNED_TIME = "'2000-01-01 00:00:00'";
    /** table -> column -> the literal that replaces its value; names compared case-insensitively. */
    static final Map<String, Map<String, String>> PINNED = Map.of(
            "flyway_schema_history", Map.of("installed_on", PINNED_TIME, "execution_time", "0"),
            "databasechangelog", Map.of("dateexecuted", PINNED_TIME, "deployment_id", "'0000000000'"),
            "django_migrations", Map.of("applied", PINNED_TIME),
            "ar_internal_metadata", Map.of("created_at", PINNED_TIME, "updated_at", PINNED_TIME),
            "goose_db_version", Map.of("tstamp", PINNED_TIME),
            "knex_migrations", Map.of("migration_time", PINNED_TIME),
            "_prisma_migrations", Map.of("started_at", PINNED_TIME, "finished_at", PINNED_TIME),
            "changelog", Map.of("applied_at", PINNED_TIME));

    private VolatileColumns() {
    }

    /**
     * @param backslashEscapes whether a backslash escapes the next character inside a quoted value (MariaDB/MySQL)
     *                         or is an ordinary character (PostgreSQL with standard strings)
     */
    static String pin(String dump, boolean backslashEscapes) {
        StringBuilder out = new StringBuilder(dump.length());
        int pos = 0;
        while (pos < dump.length()) {
            int end;
            if (dump.startsWith("INSERT INTO ", pos)) {
                // a statement can span lines: a string value may hold line breaks
                end = statementEnd(dump, pos, backslashEscapes);
                out.append(pinLine(dump.substring(pos, end), backslashEscapes));
            } else {
                end = dump.indexOf('\n', pos);
                end = end < 0 ? dump.length() : end;
                out.append(dump, pos, end);
            }
            if (end < dump.length()) {
                out.append('\n');
            }
            pos = end + 1;
        }
        return out.toString();
    }

    /** Where the statement starting at {@code start} ends: its ';' outside quotes (exclusive of the line break). */
    private static int statementEnd(String text, int start, boolean backslashEscapes) {
        boolean quoted = false;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '\\' && backslashEscapes) {
                    i++;
                } else if (c == '\'') {
                    quoted = false; // a doubled '' closes and reopens: same result
                }
            } else if (c == '\'') {
                quoted = true;
            } else if (c == '\n') {
                return i; // a line break outside quotes ends it even without ';'
            } else if (c == ';' && (i + 1 == text.length() || text.charAt(i + 1) == '\n')) {
                return i + 1;
            }
        }
        return text.length();
    }

    static String pinLine(String line, boolean backslashEscapes) {
        int open = line.indexOf(" (", "INSERT INTO ".length());
        if (open < 0) {
            return line;
        }
        String table = unquote(line.substring("INSERT INTO ".length(), open));
        int dot = table.lastIndexOf('.');
        Map<String, String> pinned = PINNED.get(table.substring(dot + 1).toLowerCase(Locale.ROOT));
        int close = line.indexOf(") VALUES (", open);
        if (pinned == null || close < 0 || !line.endsWith(");")) {
            return line;
        }
        List<String> columns = new ArrayList<>();
        for (String column : line.substring(open + 2, close).split(",")) {
            columns.add(unquote(column.strip()).toLowerCase(Locale.ROOT));
        }
        String valuesText = line.substring(close + ") VALUES (".length(), line.length() - 2);
        List<String> values = splitValues(valuesText, backslashEscapes);
        if (values == null || values.size() != columns.size()) {
            return line; // not one row of plain values: leave it as the tool wrote it
        }
        for (int i = 0; i < columns.size(); i++) {
            String literal = pinned.get(columns.get(i));
            String value = values.get(i);
            if (literal != null && !value.strip().equals("NULL")) {
                values.set(i, value.substring(0, value.length() - value.stripLeading().length()) + literal);
            }
        }
        return line.substring(0, close + ") VALUES (".length()) + String.join(",", values) + ");";
    }

    /** The top-level comma-separated values, each with its own surrounding whitespace; null when unbalanced. */
    static List<String> splitValues(String text, boolean backslashEscapes) {
        List<String> values = new ArrayList<>();
        int start = 0;
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '\\' && backslashEscapes) {
                    i++;
                } else if (c == '\'') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                        i++;
                    } else {
                        quoted = false;
                    }
                }
            } else if (c == '\'') {
                quoted = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                values.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (quoted || depth != 0) {
            return null;
        }
        values.add(text.substring(start));
        return values;
    }

    private static String unquote(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (c != '`' && c != '"') {
                out.append(c);
            }
        }
        return out.toString();
    }
}
