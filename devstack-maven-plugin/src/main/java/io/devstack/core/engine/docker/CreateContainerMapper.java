package io.devstack.core.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Capability;
import io.devstack.core.engine.EngineException;
import io.devstack.core.stack.Service;
import java.util.Map;
import io.devstack.core.engine.ContainerSpec;
import io.devstack.core.stack.PortMapping;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Turns our {@link ContainerSpec} into docker-java's create command. */
final class CreateContainerMapper {
    private CreateContainerMapper() {
    }

    static CreateContainerCmd map(DockerClient client, ContainerSpec spec) {
        Ports bindings = new Ports();
        List<ExposedPort> exposed = new ArrayList<>();
        for (PortMapping port : spec.ports()) {
            ExposedPort exposedPort = new ExposedPort(port.containerPort(), InternetProtocol.parse(port.protocol()));
            exposed.add(exposedPort);
            bindings.bind(exposedPort, port.hostPort() == null
                    ? Ports.Binding.bindIp(port.hostIp())
                    : Ports.Binding.bindIpAndPort(port.hostIp(), port.hostPort()));
        }
        for (String port : spec.expose()) {
            exposed.add(ExposedPort.parse(port.contains("/") ? port : port + "/tcp"));
        }
        Service.Options options = spec.options();
        Map.Entry<String, List<String>> primary = spec.networks().entrySet().iterator().next();
        HostConfig host = HostConfig.newHostConfig()
                .withPortBindings(bindings)
                .withMounts(mounts(spec))
                .withNetworkMode(primary.getKey())
                .withExtraHosts(options.extraHosts().toArray(new String[0]))
                .withInit(options.init())
                .withPrivileged(options.privileged())
                .withShmSize(options.shmSize());
        if (!options.capAdd().isEmpty()) {
            host.withCapAdd(capabilities(options.capAdd()));
        }
        if (!options.capDrop().isEmpty()) {
            host.withCapDrop(capabilities(options.capDrop()));
        }
        if (options.restart() != null && !options.restart().isBlank()) {
            host.withRestartPolicy(RestartPolicy.parse(options.restart()));
        }
        CreateContainerCmd cmd = client.createContainerCmd(spec.image())
                .withName(spec.name())
                .withLabels(spec.labels())
                .withEnv(spec.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withExposedPorts(exposed)
                .withHostConfig(host);
        if (!primary.getValue().isEmpty()) {
            // no endpoint settings without aliases: Podman refuses them on "none" and "host"
            cmd.withAliases(primary.getValue());
        }
        if (spec.command() != null) {
            cmd.withCmd(spec.command());
        }
        if (spec.entrypoint() != null) {
            cmd.withEntrypoint(spec.entrypoint());
        }
        if (options.workingDir() != null) {
            cmd.withWorkingDir(options.workingDir());
        }
        if (options.user() != null) {
            cmd.withUser(options.user());
        }
        if (options.hostname() != null) {
            cmd.withHostName(options.hostname());
        }
        if (options.stopSignal() != null) {
            cmd.withStopSignal(options.stopSignal());
        }
        if (options.stopGracePeriod() != null) {
            int seconds = (int) Math.max(1, options.stopGracePeriod().toSeconds());
            cmd.withStopTimeout(seconds);
            java.util.Map<String, String> labels = new java.util.LinkedHashMap<>(spec.labels());
            labels.put(DockerJavaCalls.STOP_GRACE_LABEL, String.valueOf(seconds));
            cmd.withLabels(labels);
        }
        if (options.platform() != null) {
            cmd.withPlatform(options.platform());
        }
        if (spec.healthcheck() != null) {
            cmd.withHealthcheck(healthcheck(spec.healthcheck()));
        }
        return cmd;
    }

    private static Capability[] capabilities(List<String> names) {
        Capability[] result = new Capability[names.size()];
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).toUpperCase(java.util.Locale.ROOT).replaceFirst("^CAP_", "");
            try {
                result[i] = Capability.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw new EngineException("unknown capability \"" + names.get(i) + "\" in cap_add/cap_drop");
            }
        }
        return result;
    }

    private static List<Mount> mounts(ContainerSpec spec) {
        List<Mount> mounts = new ArrayList<>();
        for (io.devstack.core.stack.Mount m : spec.mounts()) {
            Mount mount = new Mount().withTarget(m.target()).withReadOnly(m.readOnly());
            switch (m.type()) {
                case BIND:
                    mount.withType(MountType.BIND).withSource(m.source());
                    break;
                case TMPFS:
                    mount.withType(MountType.TMPFS).withReadOnly(null);
                    break;
                default:
                    mount.withType(MountType.VOLUME);
                    if (m.source() != null) {
                        mount.withSource(m.source());
                    }
            }
            mounts.add(mount);
        }
        return mounts;
    }

    private static HealthCheck healthcheck(io.devstack.core.stack.HealthCheck hc) {
        HealthCheck result = new HealthCheck();
        if (hc.disabled()) {
            return result.withTest(List.of("NONE"));
        }
        if (hc.test() != null) {
            result.withTest(hc.test());
        }
        result.withInterval(nanos(hc.interval()));
        result.withTimeout(nanos(hc.timeout()));
        result.withStartPeriod(nanos(hc.startPeriod()));
        result.withRetries(hc.retries());
        return result;
    }

    private static Long nanos(Duration d) {
        return d == null ? null : d.toNanos();
    }
}
