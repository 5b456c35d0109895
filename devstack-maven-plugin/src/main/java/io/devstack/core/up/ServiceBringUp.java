package io.devstack.core.up;

import io.devstack.core.Progress;
import io.devstack.core.dump.DumpLoader;
import io.devstack.core.engine.ContainerInfo;
import io.devstack.core.engine.Engine;
import io.devstack.core.ready.ServiceNotReadyException;
import io.devstack.core.stack.Service;

/** One service through the steps of {@code up}: container, ready, seed (dumps, stale migration, snapshot), provision. */
final class ServiceBringUp {
    private final Engine engine;
    private final UpSession session;
    private final ContainerStep container;
    private final ReadyStep ready;
    private final SeedStep seed;
    private final ProvisionStep provision;

    ServiceBringUp(Engine engine, Progress progress, UpSession session) {
        this.engine = engine;
        this.session = session;
        this.container = new ContainerStep(engine, progress, session);
        this.ready = new ReadyStep(engine, progress, session);
        this.seed = new SeedStep(engine, progress, session);
        this.provision = new ProvisionStep(engine, progress, session);
    }

    /** What became of the service, and how many of its dumps were loaded. */
    record Result(ServiceState state, int dumpsLoaded) {
    }

    Result run(Service service, ServicePlan plan) {
        if (session.failing()) {
            throw ServiceNotReadyException.stoppedForAnother(service.name(), "stopped before starting "
                    + service.name());
        }
        long start = System.nanoTime();
        ContainerStep.Result started = container.run(plan);
        session.record(service.name(), started.action());
        // a container kept as it is was read while planning, a moment ago
        ContainerInfo known = started.action() == ServiceAction.UP_TO_DATE ? plan.reusable() : null;
        ContainerInfo info = ready.run(service, started, start, known);
        session.markReady(service.name());
        DumpLoader.LoadResult loaded = seed.run(service, started.containerId());
        provision.run(service, started.containerId(), loaded.dropped());
        if (loaded.loaded() > 0) {
            // the snapshot after a load restarts the server, and an ephemeral host port changes with it
            info = engine.inspect(started.containerId());
        }
        // the report says what changed: an up-to-date container that got data is not "up to date" in this run
        ServiceAction shown = loaded.loaded() > 0 && started.action() == ServiceAction.UP_TO_DATE
                ? ServiceAction.DUMP_LOADED : started.action();
        return new Result(new ServiceState(service.name(), shown, started.containerId(), info.state(),
                info.health(), info.ports()), loaded.loaded());
    }
}
