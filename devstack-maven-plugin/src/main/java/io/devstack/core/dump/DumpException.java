package io.devstack.core.dump;

import io.devstack.core.DevstackException;

/** A dump could not be loaded; the message names the file and, when the database says so, the line. */
public class DumpException extends DevstackException {
    public DumpException(String message) {
        super(message);
    }
}
