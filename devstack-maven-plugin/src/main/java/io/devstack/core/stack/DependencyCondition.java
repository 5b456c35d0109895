package io.devstack.core.stack;

/** The {@code condition:} of a {@code depends_on} entry. */
public enum DependencyCondition {
    SERVICE_STARTED, SERVICE_HEALTHY, SERVICE_COMPLETED_SUCCESSFULLY;

    public static DependencyCondition parse(String text) {
        switch (text) {
            case "service_started": return SERVICE_STARTED;
            case "service_healthy": return SERVICE_HEALTHY;
            case "service_completed_successfully": return SERVICE_COMPLETED_SUCCESSFULLY;
            default: return null;
        }
    }
}
