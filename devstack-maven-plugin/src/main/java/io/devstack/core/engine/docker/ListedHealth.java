package io.devstack.core.engine.docker;

/**
 * A container's health as the engine's container list shows it: only in its status text, as Docker (and
 * Podman's compatible API) write it — "Up 5 minutes (healthy)", "(unhealthy)", "(health: starting)".
 */
final class ListedHealth {
    private ListedHealth() {
    }

    /** "healthy", "unhealthy" or "starting"; null when the text shows none, which proves no healthcheck absent. */
    static String of(String status) {
        if (status == null || !status.endsWith(")")) {
            return null;
        }
        if (status.endsWith("(healthy)")) {
            return "healthy";
        }
        if (status.endsWith("(unhealthy)")) {
            return "unhealthy";
        }
        if (status.endsWith("(health: starting)")) {
            return "starting";
        }
        return null;
    }
}
