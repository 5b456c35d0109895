package io.devstack.core.stack;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One compose service, with every value interpolated, every path absolute and every override file merged in. */
public record Service(
        String name,
        String image,
        BuildSpec build,
        List<String> command,
        List<String> entrypoint,
        Map<String, String> environment,
        List<PortMapping> ports,
        List<String> expose,
        List<Mount> mounts,
        Map<String, List<String>> networks,
        Map<String, Dependency> dependsOn,
        HealthCheck healthcheck,
        Map<String, String> labels,
        List<String> profiles,
        Options options) {

    /** Settings that shape the container but need no logic of their own. */
    public record Options(String restart, String workingDir, String user, List<String> extraHosts,
                          String containerName, String hostname, Duration stopGracePeriod, String stopSignal,
                          Boolean init, List<String> capAdd, List<String> capDrop, String platform, Boolean privileged,
                          Long shmSize, String pullPolicy) {

        /** The record's own form, written out: see {@link RecordText}. */
        @Override
        public String toString() {
            return new RecordText("Options").add("restart", restart).add("workingDir", workingDir)
                    .add("user", user).add("extraHosts", extraHosts).add("containerName", containerName)
                    .add("hostname", hostname).add("stopGracePeriod", stopGracePeriod).add("stopSignal", stopSignal)
                    .add("init", init).add("capAdd", capAdd).add("capDrop", capDrop).add("platform", platform)
                    .add("privileged", privileged).add("shmSize", shmSize).add("pullPolicy", pullPolicy).toString();
        }
    }

    /** A {@code depends_on} entry: the condition to wait for, and whether a recreated dependency restarts us. */
    public record Dependency(DependencyCondition condition, boolean restart, boolean required) {
    }

    /** The same service, also on network {@code key} under {@code aliases}. */
    public Service joining(String key, List<String> aliases) {
        Map<String, List<String>> all = new java.util.LinkedHashMap<>(networks);
        all.put(key, List.copyOf(aliases));
        return new Service(name, image, build, command, entrypoint, environment, ports, expose, mounts, all, dependsOn,
                healthcheck, labels, profiles, options);
    }

    /** The image the container runs: the named image, or the one devstack builds for it. */
    public String imageFor(String project) {
        if (image != null) {
            return image;
        }
        return project + "-" + name;
    }
}
