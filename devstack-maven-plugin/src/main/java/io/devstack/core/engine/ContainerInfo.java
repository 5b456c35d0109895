package io.devstack.core.engine;

import java.util.List;
import java.util.Map;

/**
 * A container as the engine sees it. {@code health} is null when it has no healthcheck, else
 * "starting", "healthy" or "unhealthy".
 */
public record ContainerInfo(String id, String name, String image, String imageId, Map<String, String> labels,
                            String state, String health, Long exitCode, List<PublishedPort> ports,
                            java.time.Instant startedAt) {

    public boolean running() {
        return "running".equals(state);
    }

    public String shortId() {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    /** A container port published on the host. */
    public record PublishedPort(int containerPort, String protocol, String hostIp, int hostPort) {
        @Override
        public String toString() {
            return hostIp + ":" + hostPort + "->" + containerPort + "/" + protocol;
        }
    }
}
