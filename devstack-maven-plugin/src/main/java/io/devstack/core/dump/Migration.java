package io.devstack.core.dump;

import java.util.Map;

/**
 * Brings a throwaway database up to the current schema. {@code connection} has {@code url} (JDBC), {@code user},
 * {@code password}, {@code host}, {@code port} and {@code database}; {@code container} is the throwaway container.
 */
@FunctionalInterface
public interface Migration {
    void migrate(Map<String, String> connection, String container);

    /** Runs against the database of {@code target}; the migrations that need its client (SQL scripts) override it. */
    default void migrate(LoadTarget target, Map<String, String> connection) {
        migrate(connection, target.containerId());
    }

    /**
     * Whether it builds the whole schema from nothing (a schema.sql that creates every table) rather than moving an
     * existing one forward: such migrations run on an empty database, never on top of a dump.
     */
    default boolean buildsWholeSchema() {
        return false;
    }

    /** Whether it reaches the database from this machine (through a published port) rather than inside it. */
    default boolean runsOnHost() {
        return true;
    }

    Migration NONE = (connection, container) -> { };
}
