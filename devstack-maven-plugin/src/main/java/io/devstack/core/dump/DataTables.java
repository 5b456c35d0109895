package io.devstack.core.dump;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which tables of a refreshed dump keep their rows: every table that had rows in the committed dump or has rows after
 * the migrations (seed data a migration inserts), the migration-history tables of the common migration tools, and
 * {@code <dataTables>}; minus {@code <schemaOnlyTables>}. Losing any of those rows silently would break every
 * colleague's environment: the kept history records the seeding migration as applied, so it never runs again and its
 * rows are gone for good. Leaving rows out takes an explicit {@code <schemaOnlyTables>} entry.
 */
public final class DataTables {
    /** History tables of Flyway, Liquibase, Django, Rails/golang-migrate, Alembic, goose, Knex, Sequelize, Prisma,
     *  EF Core and MyBatis Migrations (compared without case). */
    public static final Set<String> HISTORY = Set.of("flyway_schema_history", "databasechangelog",
            "databasechangeloglock", "django_migrations", "schema_migrations", "ar_internal_metadata",
            "alembic_version", "goose_db_version", "knex_migrations", "knex_migrations_lock", "sequelizemeta",
            "_prisma_migrations", "__efmigrationshistory", "changelog");

    private DataTables() {
    }

    /** The tables of {@code after} whose rows go into the dump, in name order. */
    public static List<String> choose(TableCensus before, TableCensus after, List<String> dataTables,
                                      List<String> schemaOnlyTables) {
        List<String> chosen = new ArrayList<>();
        for (String table : after.rows().keySet()) {
            boolean wanted = before.rowsOf(table) > 0 || after.rowsOf(table) > 0
                    || HISTORY.contains(TableCensus.bare(table).toLowerCase(Locale.ROOT)) || named(dataTables, table);
            if (wanted && !named(schemaOnlyTables, table)) {
                chosen.add(table);
            }
        }
        return chosen;
    }

    /** Tables the migrations filled that held no rows before (none in the committed dump, or no dump at all). */
    public static List<String> filledByMigrations(TableCensus before, TableCensus after, List<String> chosen) {
        return after.rows().entrySet().stream()
                .filter(e -> e.getValue() > 0 && before.rowsOf(e.getKey()) == 0 && chosen.contains(e.getKey())
                        && !HISTORY.contains(TableCensus.bare(e.getKey()).toLowerCase(Locale.ROOT)))
                .map(e -> e.getKey() + " (" + e.getValue() + ")").sorted().toList();
    }

    /** Tables that had rows in the committed dump and are gone after the migrations. */
    public static List<String> dropped(TableCensus before, TableCensus after) {
        return before.rows().entrySet().stream().filter(e -> e.getValue() > 0 && !after.has(e.getKey()))
                .map(java.util.Map.Entry::getKey).toList();
    }

    static boolean named(List<String> names, String table) {
        return names.stream().anyMatch(n -> n.equalsIgnoreCase(table) || n.equalsIgnoreCase(TableCensus.bare(table)));
    }

    /** Throws when a configured name cannot be a table name (it goes into the dump tool's command line). */
    public static void checkNames(List<String> names, String element) {
        for (String table : names) {
            if (!table.matches("[A-Za-z0-9_$.]+")) {
                throw new DumpException(element + " entry \"" + table + "\" is not a plain table name; fix " + element);
            }
        }
    }
}
