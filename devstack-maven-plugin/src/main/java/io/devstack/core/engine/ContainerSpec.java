package io.devstack.core.engine;

import io.devstack.core.stack.HealthCheck;
import io.devstack.core.stack.Mount;
import io.devstack.core.stack.PortMapping;
import io.devstack.core.stack.Service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to create one container. Mounts of named volumes carry the Docker volume name;
 * {@code networks} maps Docker network names to aliases, the first being the one the container is created on.
 */
public record ContainerSpec(
        String name,
        String image,
        List<String> command,
        List<String> entrypoint,
        Map<String, String> environment,
        Map<String, String> labels,
        List<PortMapping> ports,
        List<String> expose,
        List<Mount> mounts,
        Map<String, List<String>> networks,
        HealthCheck healthcheck,
        Service.Options options) {

    public ContainerSpec withLabel(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(labels);
        copy.put(key, value);
        return new ContainerSpec(name, image, command, entrypoint, environment, copy, ports, expose, mounts, networks,
                healthcheck, options);
    }
}
