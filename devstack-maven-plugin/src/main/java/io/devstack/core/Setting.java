package io.devstack.core;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A setting a user can change, named in a message without the syntax of any build tool: the core writes a reference
 * ({@link #ref()}), and the Maven layer renders it as the goal's own property or POM element ({@code -Ddevstack.reload=
 * true}, {@code <waits>}), or says which goal has it. Messages stay one line that tells the fix.
 */
public enum Setting {
    TIMEOUT, WAITS, RELOAD, REMOVE_VOLUMES, KEEP_ON_FAILURE, COMPOSE_FILE, PROFILES, MAIN_CLASS, BASE_IMAGE, CREATION_TIME,
    DUMP_DATABASES, DUMP_LIVE, MIGRATE_STALE, MIGRATION_EXEC;

    /** The setting, as its property (or element). */
    public String ref() {
        return "{{" + name() + "}}";
    }

    /** The setting with a value, as {@code -Dproperty=value}. */
    public String ref(String value) {
        return "{{" + name() + "=" + value + "}}";
    }

    /** The setting as its POM element and its property, for where the POM is the usual place. */
    public String refBoth() {
        return "{{" + name() + ":both}}";
    }

    /** Whichever of the settings the running goal has, joined with "or". */
    public static String any(Setting... settings) {
        return "{{" + Arrays.stream(settings).map(Enum::name).collect(Collectors.joining("|")) + "}}";
    }
}
