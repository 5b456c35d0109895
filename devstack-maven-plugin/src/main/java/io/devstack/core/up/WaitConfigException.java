package io.devstack.core.up;

import io.devstack.core.DevstackException;

/** A readiness condition configured in the POM cannot apply to the stack as written. */
public class WaitConfigException extends DevstackException {
    public WaitConfigException(String message) {
        super(message);
    }
}
