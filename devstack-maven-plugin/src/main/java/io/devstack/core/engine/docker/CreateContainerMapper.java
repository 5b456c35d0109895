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
        HostConfig host = HostConfig.newHostConfig()
                .withPortBindings(bindings)
                .withMounts(mounts(spec))
                .withNetworkMode(spec.network())
                .withExtraHosts(spec.extraHosts().toArray(new String[0]));
        if (spec.restart() != null && !spec.restart().isBlank()) {
            host.withRestartPolicy(RestartPolicy.parse(spec.restart()));
        }
        CreateContainerCmd cmd = client.createContainerCmd(spec.image())
                .withName(spec.name())
                .withLabels(spec.labels())
                .withEnv(spec.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withExposedPorts(exposed)
                .withHostConfig(host)
                .withAliases(spec.networkAliases());
        if (spec.command() != null) {
            cmd.withCmd(spec.command());
        }
        if (spec.entrypoint() != null) {
            cmd.withEntrypoint(spec.entrypoint());
        }
        if (spec.workingDir() != null) {
            cmd.withWorkingDir(spec.workingDir());
        }
        if (spec.user() != null) {
            cmd.withUser(spec.user());
        }
        if (spec.healthcheck() != null) {
            cmd.withHealthcheck(healthcheck(spec.healthcheck()));
        }
        return cmd;
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
                    mount.withType(MountType.TMPFS);
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
