package io.devstack.core.up;

/** What {@code up} did with a service's container in this run. */
public enum ServiceAction {
    CREATED("created"),
    RECREATED("recreated"),
    /** Recreated with devstack's labels: the compose CLI had started it. */
    ADOPTED("adopted"),
    STARTED("started"),
    RESTARTED("restarted"),
    UP_TO_DATE("up to date"),
    /** The container was up to date, and a dump was loaded into it (a reload, or a dump added). */
    DUMP_LOADED("dump loaded");

    private final String label;

    ServiceAction(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether its dependents with {@code depends_on: {restart: true}} must restart. */
    boolean restartsDependents() {
        return this != STARTED && this != UP_TO_DATE && this != DUMP_LOADED;
    }

    @Override
    public String toString() {
        return label;
    }
}
