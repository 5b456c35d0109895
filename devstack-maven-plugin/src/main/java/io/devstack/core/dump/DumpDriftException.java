package io.devstack.core.dump;

import io.devstack.core.DevstackException;

/** {@code -Ddevstack.dump.check}: a committed dump differs from what the migrations produce. */
public class DumpDriftException extends DevstackException {
    public DumpDriftException(String message) {
        super(message);
    }
}
