package io.devstack.core.reset;

import io.devstack.core.engine.Containers;
import io.devstack.core.provision.ProvisionScript;
import io.devstack.core.provision.Provisioner;
import io.devstack.core.Durations;
import io.devstack.core.Progress;
import io.devstack.core.compose.ComposeReader;
import io.devstack.core.compose.ComposeRequest;
import io.devstack.core.dump.DumpDialect;
import io.devstack.core.dump.DumpDialects;
import io.devstack.core.dump.DumpFile;
import io.devstack.core.dump.DumpFiles;
import io.devstack.core.dump.DumpLoader;
import io.devstack.core.dump.LoadTarget;
import io.devstack.core.engine.ContainerInfo;
import io.devstack.core.engine.Engine;
import io.devstack.core.ready.ReadyCondition;
import io.devstack.core.stack.Service;
import io.devstack.core.stack.Stack;
import io.devstack.core.volume.HelperContainers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code devstack:reset}: every database service (or the named ones) back to the state right after its dumps
 * loaded — from the snapshot when it matches the current dumps, else by dropping and loading the dumps again.
 */
public final class StackReset {
    private final Engine engine;
    private final Progress progress;

    public StackReset(Engine engine, Progress progress) {
        this.engine = engine;
        this.progress = progress;
    }

    public static ReadyCondition readyCondition(ContainerInfo info, DumpDialect dialect) {
        return DumpDialects.readyCondition(info, dialect);
    }

    public void run(ComposeRequest request, Path dumpsDir, Path provisionDir, List<String> services, Duration timeout) {
        Stack stack = new ComposeReader(progress::warn).read(request);
        engine.info();
        HelperContainers.sweep(engine, stack.project(), progress);
        Snapshots snapshots = new Snapshots(engine, progress);
        int reset = 0;
        for (Service service : stack.startOrder()) {
            List<DumpFile> dumps = DumpFiles.of(stack.dumpsDir(service.name(), dumpsDir),
                    stack.sourceName(service.name()));
            if (dumps.isEmpty() || (!services.isEmpty() && !services.contains(service.name()))) {
                continue;
            }
            DumpDialect dialect = DumpDialects.detect(service, service.imageFor(stack.project())).orElseThrow(() ->
                    new Snapshots.SnapshotException(dumpsDir.resolve(service.name()) + " holds dumps, but devstack "
                            + "cannot tell which database service " + service.name() + " runs; use a mariadb, mysql "
                            + "or postgres image"));
            ContainerInfo container = Containers.running(engine, stack.project(), service.name())
                    .orElseThrow(() -> new Snapshots.SnapshotException("service " + service.name() + " is not running; "
                            + "start the stack with mvn devstack:up first"));
            long start = System.nanoTime();
            String digest = Snapshots.digest(dumps);
            var volume = Snapshots.dataVolume(stack, service, dialect);
            boolean restored = false;
            if (volume.isPresent() && snapshots.snapshotDigest(stack, service).filter(digest::equals).isPresent()) {
                restored = snapshots.restore(stack, service, container.id(), volume.get(),
                        readyCondition(container, dialect), timeout);
                if (restored) {
                    progress.info(service.name() + " reset from its snapshot in " + Durations.since(start));
                } else {
                    progress.warn(service.name() + ": its snapshot is incomplete (taking it was cut short, or an "
                            + "older devstack took it); "
                            + "reloading the dumps and taking it again");
                }
            } else {
                progress.info(service.name() + ": no snapshot of the current dumps; reloading them");
            }
            if (!restored) {
                new DumpLoader(engine, progress, stack.workingDir()).reloadAll(new LoadTarget(stack.project(), service,
                        service.imageFor(stack.project()), container.id(), dialect, timeout), dumps);
                volume.ifPresent(v -> snapshots.take(stack, service, container.id(), v, digest,
                        readyCondition(container, dialect), timeout));
                progress.info(service.name() + " reset by reloading its dumps in " + Durations.since(start));
            }
            // the freshly loaded state is from before provisioning: provision it again, as up did
            List<ProvisionScript> scripts = Provisioner.of(stack.provisionDir(service.name(), provisionDir),
                    stack.sourceName(service.name()));
            if (!scripts.isEmpty()) {
                new Provisioner(engine, progress, stack.workingDir()).run(container.id(), service, dialect, scripts, true);
            }
            reset++;
        }
        if (reset == 0) {
            progress.info("nothing to reset: no service with dumps under " + dumpsDir
                    + (services.isEmpty() ? "" : " among " + services));
        }
    }
}
