package io.devstack.core.engine;

import io.devstack.core.DevstackException;

/** The engine refused or failed an operation; the message names the object and the operation. */
public class EngineException extends DevstackException {
    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
