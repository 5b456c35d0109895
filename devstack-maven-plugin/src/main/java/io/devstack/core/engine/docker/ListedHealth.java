package io.devstack.core.engine.docker;

/**
 * A container's health as the engine's container list shows it: only in its status text, as Docker writes it —
 * "Up 5 minutes (healthy)", "(unhealthy)", "(health: starting)".
 */
final class ListedHealth {
    private ListedHealth() {
    }

    /**
     * "healthy", "unhealthy" or "starting"; null when the text shows none, which does not mean the container has no
     * healthcheck (an engine may write its status otherwise): callers inspect it then.
     */
    static String of(String status) {
        if (status == null) {
            return null;
        }
        if (status.endsWith("(healthy)")) {
            return "healthy";
        }
        if (status.endsWith("(unhealthy)")) {
            return "unhealthy";
        }
        return status.endsWith("(health: starting)") ? "starting" : null;
    }
}
