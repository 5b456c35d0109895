package io.devstack.core.engine;

import java.util.Map;
import java.util.Optional;

/** Finding a project's containers by the compose labels every devstack (and compose) container carries. */
public final class Containers {
    private Containers() {
    }

    public static Optional<ContainerInfo> running(Engine engine, String project, String service) {
        return engine.containers(Map.of("com.docker.compose.project", project, "com.docker.compose.service", service))
                .stream().filter(ContainerInfo::running).findFirst();
    }
}
