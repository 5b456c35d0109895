package io.devstack.core;

/**
 * Base of every error devstack reports to a user. The message is complete: it says what went wrong,
 * where (file, line, service) and what to do. Subclasses exist so callers can add context per kind.
 */
public abstract class DevstackException extends RuntimeException {
    protected DevstackException(String message) {
        super(message);
    }

    protected DevstackException(String message, Throwable cause) {
        super(message, cause);
    }
}
