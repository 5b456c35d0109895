package io.devstack.core.up;

import io.devstack.core.engine.ContainerInfo;
import io.devstack.core.ready.Conditions;
import io.devstack.core.ready.Published;
import io.devstack.core.ready.ReadyCondition;
import io.devstack.core.ready.WaitSpec;
import io.devstack.core.stack.DependencyCondition;
import io.devstack.core.stack.Service;
import io.devstack.core.stack.Stack;

import java.util.ArrayList;
import java.util.List;

/**
 * What "ready" means for a service: completed successfully when a dependent waits for that; else healthy when
 * the container has a healthcheck, running when not; plus every condition its {@code <wait>} adds.
 */
final class ReadyConditions {
    private final String engineHost;

    ReadyConditions(String engineHost) {
        this.engineHost = engineHost;
    }

    List<ReadyCondition> of(Stack stack, Service service, ContainerInfo container, WaitSpec wait) {
        List<ReadyCondition> conditions = new ArrayList<>();
        boolean completes = stack.dependents(service.name()).stream().anyMatch(d -> d.dependsOn().get(service.name())
                .condition() == DependencyCondition.SERVICE_COMPLETED_SUCCESSFULLY);
        if (completes) {
            conditions.add(Conditions.exitedSuccessfully());
            return conditions;
        }
        boolean useHealth = wait == null || wait.healthcheck() == null ? container.health() != null : wait.healthcheck();
        if (useHealth && container.health() == null) {
            throw new WaitConfigException("<wait> for service " + service.name() + " asks for its healthcheck, but "
                    + "the container has none; add a healthcheck: to the service or remove <healthcheck>");
        }
        conditions.add(useHealth ? Conditions.healthy() : Conditions.running());
        if (wait == null) {
            return conditions;
        }
        for (int port : wait.tcpPorts()) {
            requirePublished(service, container, port, "tcpPort");
            conditions.add(Conditions.tcp(engineHost, port));
        }
        if (wait.logPattern() != null) {
            conditions.add(Conditions.log(wait.logPattern(), Math.max(1, wait.logCount())));
        }
        if (wait.exec() != null) {
            conditions.add(Conditions.exec(wait.exec()));
        }
        if (wait.httpPort() != null) {
            requirePublished(service, container, wait.httpPort(), "httpPort");
            String path = wait.httpPath() == null ? "/" : wait.httpPath();
            conditions.add(Conditions.http(engineHost, wait.httpPort(), path.startsWith("/") ? path : "/" + path,
                    wait.httpStatus() == 0 ? 200 : wait.httpStatus()));
        }
        return conditions;
    }

    private static void requirePublished(Service service, ContainerInfo container, int port, String element) {
        if (Published.hostPort(container, port) == null) {
            throw new WaitConfigException("<wait><" + element + ">" + port + "</" + element + "> of service "
                    + service.name() + ": container port " + port + " is not published; add it to the service's "
                    + "ports: or wait with <exec> inside the container");
        }
    }
}
