package io.devstack.core.ready;

import io.devstack.core.DevstackException;

/** A service exited, turned unhealthy or did not get ready in time; the message carries its last log lines. */
public class ServiceNotReadyException extends DevstackException {
    private final String service;
    private final boolean echo;

    public ServiceNotReadyException(String service, String message) {
        this(service, message, false);
    }

    private ServiceNotReadyException(String service, String message, boolean echo) {
        super(message);
        this.service = service;
        this.echo = echo;
    }

    /** A service that stopped waiting (or never started) because another one failed first. */
    public static ServiceNotReadyException stoppedForAnother(String service, String message) {
        return new ServiceNotReadyException(service, message, true);
    }

    public String service() {
        return service;
    }

    /** Whether this only echoes a failure elsewhere in the stack, which is the one to report. */
    public boolean isEcho() {
        return echo;
    }
}
