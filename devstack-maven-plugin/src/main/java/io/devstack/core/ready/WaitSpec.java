package io.devstack.core.ready;

import java.time.Duration;
import java.util.List;

/**
 * Readiness configured for one service (the POM's {@code <waits>}). All given conditions must hold (AND).
 * {@code healthcheck} null means "the Docker healthcheck when the container has one".
 */
public record WaitSpec(String service, Duration timeout, Boolean healthcheck, List<Integer> tcpPorts,
                       String logPattern, int logCount, String exec, Integer httpPort, String httpPath, int httpStatus) {
}
