package io.devstack.core.up;

import io.devstack.core.engine.ContainerInfo;

import java.util.List;

/** One row of the closing table: what happened to a service in this run and where it is now. */
public record ServiceState(String service, ServiceAction action, String containerId, String state, String health,
                           List<ContainerInfo.PublishedPort> ports) {
}
