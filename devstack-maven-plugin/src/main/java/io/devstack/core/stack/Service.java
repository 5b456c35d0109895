package io.devstack.core.stack;

import java.util.List;
import java.util.Map;

/** One compose service, with every value interpolated and every path made absolute. */
public record Service(
        String name,
        String image,
        BuildSpec build,
        List<String> command,
        List<String> entrypoint,
        Map<String, String> environment,
        List<PortMapping> ports,
        List<Mount> mounts,
        Map<String, DependencyCondition> dependsOn,
        HealthCheck healthcheck,
        Map<String, String> labels,
        String restart,
        String workingDir,
        String user,
        List<String> extraHosts,
        String containerName) {

    /** The image the container runs: the named image, or the one devstack builds for it. */
    public String imageFor(String project) {
        if (image != null) {
            return image;
        }
        return project + "-" + name;
    }
}
