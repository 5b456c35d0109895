package io.devstack.core.stack;

/**
 * A published port. {@code hostPort} null means "any free port"; {@code hostIp} is never empty:
 * devstack binds to 127.0.0.1 unless the compose file names another address.
 */
public record PortMapping(String hostIp, Integer hostPort, int containerPort, String protocol) {
    public static final String DEFAULT_HOST_IP = "127.0.0.1";

    @Override
    public String toString() {
        return hostIp + ":" + (hostPort == null ? "" : hostPort) + "->" + containerPort + "/" + protocol;
    }
}
