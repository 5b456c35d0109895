package io.devstack.core.provision;

import io.devstack.core.DevstackException;

/** A provision script failed; the message names the script, the line when known, and the output tail. */
public class ProvisionException extends DevstackException {
    public ProvisionException(String message) {
        super(message);
    }
}
