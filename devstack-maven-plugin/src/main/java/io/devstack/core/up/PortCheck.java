package io.devstack.core.up;

import io.devstack.core.DevstackException;
import io.devstack.core.engine.ContainerInfo;
import io.devstack.core.engine.Engine;
import io.devstack.core.stack.PortMapping;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Before anything starts: every fixed host port a new container will publish must be free. A port held by a
 * container is reported with that container's name; on a local engine, a port held by any other process too.
 */
final class PortCheck {
    private PortCheck() {
    }

    static void check(Engine engine, List<ServicePlan> plans, boolean localEngine) {
        Set<String> replaced = new HashSet<>();
        Set<Integer> freedPorts = new HashSet<>();
        plans.stream().filter(ServicePlan::createsContainer).forEach(p -> p.existing().forEach(c -> {
            replaced.add(c.id());
            c.ports().forEach(port -> freedPorts.add(port.hostPort()));
        }));
        boolean fixedPortWanted = plans.stream().filter(ServicePlan::createsContainer)
                .anyMatch(p -> p.service().ports().stream().anyMatch(port -> port.hostPort() != null));
        if (!fixedPortWanted) {
            return; // nothing new publishes a fixed port: no need to list every container on the engine
        }
        List<ContainerInfo> others = engine.listed(java.util.Map.of()).stream()
                .filter(ContainerInfo::running).filter(c -> !replaced.contains(c.id())).toList();
        for (ServicePlan plan : plans) {
            if (!plan.createsContainer()) {
                continue;
            }
            for (PortMapping port : plan.service().ports()) {
                if (port.hostPort() == null) {
                    continue;
                }
                for (ContainerInfo other : others) {
                    for (ContainerInfo.PublishedPort published : other.ports()) {
                        if (published.hostPort() == port.hostPort() && published.protocol().equals(port.protocol())
                                && overlaps(published.hostIp(), port.hostIp())) {
                            throw new PortInUseException("service " + plan.service().name() + " wants host port "
                                    + port.hostIp() + ":" + port.hostPort() + ", but container " + other.name()
                                    + " already publishes it; stop that container or change the port in the compose "
                                    + "file (or the variable that sets it)");
                        }
                    }
                }
                // a port held by a container this run replaces is freed before the new one starts
                if (localEngine && "tcp".equals(port.protocol()) && !freedPorts.contains(port.hostPort())
                        && !bindable(port)) {
                    throw new PortInUseException("service " + plan.service().name() + " wants host port "
                            + port.hostIp() + ":" + port.hostPort() + ", but another process on this machine uses it; "
                            + "stop it or change the port in the compose file (or the variable that sets it)");
                }
            }
        }
    }

    private static boolean overlaps(String a, String b) {
        return a.equals(b) || isWildcard(a) || isWildcard(b);
    }

    private static boolean isWildcard(String ip) {
        return ip == null || ip.isEmpty() || ip.equals("0.0.0.0") || ip.equals("::");
    }

    private static boolean bindable(PortMapping port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress(InetAddress.getByName(port.hostIp()), port.hostPort()));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A host port is taken. */
    static final class PortInUseException extends DevstackException {
        PortInUseException(String message) {
            super(message);
        }
    }
}
