package io.devstack.core.up;

import io.devstack.core.Durations;
import io.devstack.core.Progress;
import io.devstack.core.engine.ContainerInfo;
import io.devstack.core.engine.Engine;
import io.devstack.core.ready.Readiness;
import io.devstack.core.ready.ReadyCondition;
import io.devstack.core.ready.WaitSpec;
import io.devstack.core.stack.Service;

import java.time.Duration;
import java.util.List;

/** Step two of a service: wait until its conditions hold (healthcheck, {@code <waits>}), or fail with its log. */
final class ReadyStep {
    private final Engine engine;
    private final Progress progress;
    private final UpSession session;

    ReadyStep(Engine engine, Progress progress, UpSession session) {
        this.engine = engine;
        this.progress = progress;
        this.session = session;
    }

    /** {@code known}: the container as planning read it, when it was kept as it is; else it is inspected here. */
    ContainerInfo run(Service service, ContainerStep.Result container, long serviceStart, ContainerInfo known) {
        WaitSpec wait = session.request.waits().get(service.name());
        ContainerInfo inspected = known != null ? known : engine.inspect(container.containerId());
        List<ReadyCondition> conditions = new ReadyConditions(session.engineHost).of(session.stack, service,
                inspected, wait);
        Duration timeout = wait != null && wait.timeout() != null ? wait.timeout() : session.request.readyTimeout();
        ContainerInfo ready = new Readiness(engine, session::failing).await(service.name(), container.containerId(),
                conditions, timeout, inspected);
        if (container.action() != ServiceAction.UP_TO_DATE) {
            progress.info("service " + service.name() + " " + container.action().label() + " and "
                    + String.join(", ", conditions.stream().map(ReadyCondition::describe).toList())
                    + " in " + Durations.since(serviceStart));
        }
        return ready;
    }
}
