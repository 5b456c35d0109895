package io.devstack.core.manage;

import io.devstack.core.Durations;
import io.devstack.core.Progress;
import io.devstack.core.compose.ComposeReader;
import io.devstack.core.compose.ComposeRequest;
import io.devstack.core.engine.ContainerInfo;
import io.devstack.core.engine.Engine;
import io.devstack.core.project.Labels;
import io.devstack.core.project.ProjectLock;
import io.devstack.core.ready.Conditions;
import io.devstack.core.ready.Readiness;
import io.devstack.core.stack.Service;
import io.devstack.core.stack.Stack;

import java.time.Duration;
import java.util.List;

/** {@code devstack:restart}: restarts the containers of all (or the named) services and waits until they are ready. */
public final class StackRestart {
    private final Engine engine;
    private final Progress progress;

    public StackRestart(Engine engine, Progress progress) {
        this.engine = engine;
        this.progress = progress;
    }

    public void run(ComposeRequest request, List<String> services, Duration timeout) {
        Stack stack = new ComposeReader(progress::warn).read(request);
        for (String service : services) {
            if (!stack.services().containsKey(service)) {
                throw new StackLogs.UnknownServiceException("no service \"" + service + "\" in the compose file; "
                        + "known services: " + String.join(", ", stack.services().keySet()));
            }
        }
        engine.info();
        try (ProjectLock lock = ProjectLock.acquire(stack.project(), Duration.ofMinutes(2), progress)) {
            for (Service service : stack.startOrder()) {
                if (!services.isEmpty() && !services.contains(service.name())) {
                    continue;
                }
                for (ContainerInfo container : engine.containers(Labels.filter(stack.project(), service.name()))) {
                    long start = System.nanoTime();
                    engine.restart(container.id(), service.options().stopGracePeriod());
                    ContainerInfo after = engine.inspect(container.id());
                    var condition = after.health() != null ? Conditions.healthy() : Conditions.running();
                    new Readiness(engine, () -> false).await(service.name(), container.id(), List.of(condition), timeout);
                    progress.info("service " + service.name() + " restarted and " + condition.describe() + " in "
                            + Durations.since(start));
                }
            }
        }
    }
}
