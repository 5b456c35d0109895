package io.devstack.core.ready;

import io.devstack.core.engine.ContainerInfo;

/** Where a container port is reachable from this machine. */
public final class Published {
    private Published() {
    }

    public static Integer hostPort(ContainerInfo c, int containerPort) {
        return c.ports().stream().filter(p -> p.containerPort() == containerPort)
                .map(ContainerInfo.PublishedPort::hostPort).findFirst().orElse(null);
    }

    /** The bound address, or {@code fallback} (the engine's host) when bound to all addresses. */
    public static String host(ContainerInfo c, int containerPort, String fallback) {
        String ip = c.ports().stream().filter(p -> p.containerPort() == containerPort)
                .map(ContainerInfo.PublishedPort::hostIp).findFirst().orElse("");
        return ip.isEmpty() || ip.equals("0.0.0.0") || ip.equals("::") ? fallback : ip;
    }
}
