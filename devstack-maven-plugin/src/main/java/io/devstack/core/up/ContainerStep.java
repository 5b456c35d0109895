package io.devstack.core.up;

import io.devstack.core.Progress;
import io.devstack.core.engine.ContainerInfo;
import io.devstack.core.engine.Engine;
import io.devstack.core.project.Labels;
import io.devstack.core.ready.ServiceNotReadyException;
import io.devstack.core.stack.DependencyCondition;
import io.devstack.core.stack.Service;

import java.util.Map;

/** Step one of a service: keep, start or restart its container, or create it (replacing the old one). */
final class ContainerStep {
    private final Engine engine;
    private final Progress progress;
    private final UpSession session;

    ContainerStep(Engine engine, Progress progress, UpSession session) {
        this.engine = engine;
        this.progress = progress;
        this.session = session;
    }

    record Result(String containerId, ServiceAction action) {
    }

    Result run(ServicePlan plan) {
        Service service = plan.service();
        ContainerInfo reusable = plan.reusable();
        if (reusable == null) {
            return create(plan);
        }
        if (!reusable.running() && !awaitsCompletion(service)) {
            engine.start(reusable.id());
            return new Result(reusable.id(), ServiceAction.STARTED);
        }
        if (mustRestartForDependency(service)) {
            engine.restart(reusable.id(), service.options().stopGracePeriod());
            return new Result(reusable.id(), ServiceAction.RESTARTED);
        }
        return new Result(reusable.id(), ServiceAction.UP_TO_DATE);
    }

    private Result create(ServicePlan plan) {
        Service service = plan.service();
        for (ContainerInfo old : plan.existing()) {
            engine.stop(old.id(), service.options().stopGracePeriod());
            engine.remove(old.id());
        }
        String id = engine.create(plan.spec());
        if (!session.track(id)) {
            engine.remove(id);
            throw ServiceNotReadyException.stoppedForAnother(service.name(), "interrupted");
        }
        engine.start(id);
        boolean foreign = plan.existing().stream().anyMatch(c -> !c.labels().containsKey(Labels.DEVSTACK_PROJECT));
        if (foreign) {
            progress.info("service " + service.name() + ": adopted the container the compose CLI started "
                    + "(recreated with devstack's labels; volumes and data kept)");
        }
        return new Result(id, plan.existing().isEmpty() ? ServiceAction.CREATED
                : foreign ? ServiceAction.ADOPTED : ServiceAction.RECREATED);
    }

    /** A service others wait on to complete is not started again once it has. */
    private boolean awaitsCompletion(Service service) {
        return session.stack.dependents(service.name()).stream().anyMatch(d -> d.dependsOn().get(service.name())
                .condition() == DependencyCondition.SERVICE_COMPLETED_SUCCESSFULLY);
    }

    /** depends_on with {@code restart: true}: a dependency replaced or restarted in this run restarts us. */
    private boolean mustRestartForDependency(Service service) {
        for (Map.Entry<String, ?> entry : service.dependsOn().entrySet()) {
            ServiceAction done = session.actionOf(entry.getKey());
            if (service.dependsOn().get(entry.getKey()).restart() && done != null && done.restartsDependents()) {
                return true;
            }
        }
        return false;
    }
}
