package io.devstack.core.dump;

import io.devstack.core.Setting;

/** Where a dump stands in its database, as the markers beside the data say, for status and for up. */
public record DumpState(Kind kind, String detail) {
    public enum Kind {
        /** Loaded, and the file has not changed since. */
        LOADED,
        /** Loaded from an earlier version of the file, which changed since; the data was kept. */
        CHANGED,
        /** The last load of this version failed; the database holds what it held before. */
        FAILED,
        /** A load started and did not finish (interrupted); the next up finishes it. */
        UNFINISHED,
        /** Never loaded. */
        NOT_LOADED
    }

    public String describe() {
        String word = switch (kind) {
            case LOADED -> "loaded";
            case CHANGED -> "changed since loaded (data kept; " + Setting.RELOAD.ref("true") + " reloads)";
            case FAILED -> "failed";
            case UNFINISHED -> "unfinished (the next up loads it again)";
            case NOT_LOADED -> "not loaded";
        };
        return detail == null || detail.isEmpty() ? word : word + ": " + detail;
    }
}
