package io.devstack.core.publish;

import io.devstack.core.DevstackException;

/** A stack cannot be packaged as it is: something it needs would not travel with it. */
public final class PackageException extends DevstackException {
    public PackageException(String message) {
        super(message);
    }
}
