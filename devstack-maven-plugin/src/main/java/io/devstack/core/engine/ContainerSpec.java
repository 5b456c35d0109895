package io.devstack.core.engine;

import io.devstack.core.stack.HealthCheck;
import io.devstack.core.stack.Mount;
import io.devstack.core.stack.PortMapping;

import java.util.List;
import java.util.Map;

/** Everything needed to create one container; mounts of named volumes carry the Docker volume name. */
public record ContainerSpec(
        String name,
        String image,
        List<String> command,
        List<String> entrypoint,
        Map<String, String> environment,
        Map<String, String> labels,
        List<PortMapping> ports,
        List<Mount> mounts,
        String network,
        List<String> networkAliases,
        HealthCheck healthcheck,
        String restart,
        String workingDir,
        String user,
        List<String> extraHosts) {
}
