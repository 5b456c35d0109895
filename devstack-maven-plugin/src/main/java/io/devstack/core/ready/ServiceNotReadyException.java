package io.devstack.core.ready;

import io.devstack.core.DevstackException;

/** A service exited, turned unhealthy or did not get ready in time; the message carries its last log lines. */
public class ServiceNotReadyException extends DevstackException {
    private final String service;

    public ServiceNotReadyException(String service, String message) {
        super(message);
        this.service = service;
    }

    public String service() {
        return service;
    }
}
