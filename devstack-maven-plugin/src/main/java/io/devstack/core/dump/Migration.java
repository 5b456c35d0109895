package io.devstack.core.dump;

import java.util.Map;

/**
 * Brings a throwaway database up to the current schema. {@code connection} has {@code url} (JDBC), {@code user},
 * {@code password}, {@code host}, {@code port} and {@code database}; {@code container} is the throwaway container.
 */
@FunctionalInterface
public interface Migration {
    void migrate(Map<String, String> connection, String container);

    /** Whether it reaches the database from this machine (through a published port) rather than inside it. */
    default boolean runsOnHost() {
        return true;
    }

    Migration NONE = (connection, container) -> { };
}
