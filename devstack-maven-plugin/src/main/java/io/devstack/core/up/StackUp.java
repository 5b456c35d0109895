package io.devstack.core.up;

import io.devstack.core.Durations;
import io.devstack.core.Progress;
import io.devstack.core.compose.ComposeReader;
import io.devstack.core.dump.DumpDialect;
import io.devstack.core.dump.DumpDialects;
import io.devstack.core.dump.DumpException;
import io.devstack.core.dump.DumpFile;
import io.devstack.core.dump.DumpFiles;
import io.devstack.core.dump.DumpLoader;
import io.devstack.core.dump.DumpHeader;
import io.devstack.core.dump.LoadTarget;
import io.devstack.core.dump.MigrationSources;
import io.devstack.core.engine.ContainerInfo;
import io.devstack.core.engine.Engine;
import io.devstack.core.engine.EngineException;
import io.devstack.core.engine.EngineInfo;
import io.devstack.core.ready.Readiness;
import io.devstack.core.ready.ServiceNotReadyException;
import io.devstack.core.stack.NetworkDef;
import io.devstack.core.stack.Service;
import io.devstack.core.stack.Stack;
import io.devstack.core.stack.VolumeDef;
import io.devstack.core.volume.HelperContainers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code devstack:up}. Reads the compose files, makes every image present and decides per service what to do
 * (keep, start, create or recreate) before touching anything; checks host ports; then creates networks and
 * volumes, removes orphans, and brings services up in parallel, each once its dependencies meet their condition,
 * waiting until it is ready and loading its dumps. When anything fails or the build is interrupted, containers
 * created by this run are removed again (volumes never), unless asked to keep them.
 */
public final class StackUp {
    private static final Duration LOCK_WAIT = Duration.ofMinutes(2);
    private final Engine engine;
    private final Progress progress;

    public StackUp(Engine engine, Progress progress) {
        this.engine = engine;
        this.progress = progress;
    }

    public UpReport run(UpRequest request) {
        long start = System.nanoTime();
        Stack stack = new ComposeReader(progress::warn).read(request.compose());
        checkDumpDirectories(stack, request);
        checkWaits(stack, request);
        EngineInfo info = engine.info();
        progress.info("project " + stack.project() + " (" + stack.services().size() + " services) on Docker "
                + info.version() + ", API " + info.apiVersion());
        try (ProjectLock lock = ProjectLock.acquire(stack.project(), LOCK_WAIT, progress)) {
            HelperContainers.sweep(engine, stack.project(), progress);
            Map<String, String> imageIds = new Images(engine, progress).prepare(stack);
            List<ServicePlan> plans = new Planner(engine).plan(stack, imageIds);
            PortCheck.check(engine, plans, info.host().startsWith("unix:"));
            Run run = new Run(stack, request, plans, Planner.engineHost(info));
            return run.execute(start);
        }
    }

    /** One execution of up: the state shared by the service threads and the cleanup. */
    private final class Run {
        private final Stack stack;
        private final UpRequest request;
        private final Map<String, ServicePlan> plans = new LinkedHashMap<>();
        private final String engineHost;
        private final List<String> created = new ArrayList<>();
        private final List<String> createdNetworks = new ArrayList<>();
        private final AtomicBoolean failing = new AtomicBoolean();
        private final Map<String, String> actions = new java.util.concurrent.ConcurrentHashMap<>();
        private int orphansRemoved;
        private boolean closed;

        Run(Stack stack, UpRequest request, List<ServicePlan> plans, String engineHost) {
            this.stack = stack;
            this.request = request;
            this.engineHost = engineHost;
            plans.forEach(p -> this.plans.put(p.service().name(), p));
        }

        UpReport execute(long start) {
            Thread hook = new Thread(this::interrupted, "devstack-up-interrupted");
            Runtime.getRuntime().addShutdownHook(hook);
            ExecutorService pool = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "devstack-up");
                t.setDaemon(true);
                return t;
            });
            try {
                ensureNetworks();
                ensureVolumes();
                removeOrphans();
                Map<String, CompletableFuture<ServiceResult>> futures = new LinkedHashMap<>();
                for (Service service : stack.startOrder()) {
                    CompletableFuture<?>[] deps = service.dependsOn().keySet().stream()
                            .map(futures::get).toArray(CompletableFuture[]::new);
                    futures.put(service.name(), CompletableFuture.allOf(deps)
                            .thenApplyAsync(ignored -> bringUp(service), pool)
                            .whenComplete((r, e) -> {
                                if (e != null) {
                                    failing.set(true);
                                }
                            }));
                }
                List<ServiceState> states = new ArrayList<>();
                int dumpsLoaded = 0;
                RuntimeException failure = null;
                for (CompletableFuture<ServiceResult> future : futures.values()) {
                    try {
                        ServiceResult result = future.join();
                        states.add(result.state());
                        dumpsLoaded += result.dumpsLoaded();
                    } catch (CompletionException e) {
                        failure = failure != null ? failure : firstCause(futures);
                    }
                }
                if (failure != null) {
                    throw failure;
                }
                UpReport report = new UpReport(stack.project(), states, dumpsLoaded, orphansRemoved);
                progress.info((report.changedNothing() ? "nothing to do: " + stack.project() + " is up to date"
                        : stack.project() + " is up") + " (" + Durations.since(start) + ")");
                return report;
            } catch (RuntimeException e) {
                failing.set(true);
                cleanUp("up failed");
                throw e;
            } finally {
                pool.shutdownNow();
                synchronized (this) {
                    closed = true;
                }
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running or ran: it did the cleanup
                }
            }
        }

        /** The failure that happened first in time order of start, not a dependent's echo of it. */
        private RuntimeException firstCause(Map<String, CompletableFuture<ServiceResult>> futures) {
            RuntimeException fallback = null;
            for (CompletableFuture<ServiceResult> future : futures.values()) {
                try {
                    future.join();
                } catch (CompletionException e) {
                    Throwable cause = e.getCause();
                    while (cause instanceof CompletionException && cause.getCause() != null) {
                        cause = cause.getCause();
                    }
                    RuntimeException runtime = cause instanceof RuntimeException r ? r : new RuntimeException(cause);
                    if (!(runtime instanceof ServiceNotReadyException snr && snr.getMessage().startsWith("stopped"))) {
                        return runtime;
                    }
                    fallback = fallback != null ? fallback : runtime;
                }
            }
            return fallback;
        }

        private ServiceResult bringUp(Service service) {
            if (failing.get()) {
                throw new ServiceNotReadyException(service.name(), "stopped before starting " + service.name());
            }
            long serviceStart = System.nanoTime();
            ServicePlan plan = plans.get(service.name());
            String action;
            String id;
            ContainerInfo reusable = plan.reusable();
            if (reusable != null) {
                id = reusable.id();
                if (!reusable.running() && !awaitsCompletion(service)) {
                    engine.start(id);
                    action = "started";
                } else if (mustRestartForDependency(service)) {
                    engine.restart(id, service.options().stopGracePeriod());
                    action = "restarted";
                } else {
                    action = "up to date";
                }
            } else {
                for (ContainerInfo old : plan.existing()) {
                    engine.stop(old.id(), service.options().stopGracePeriod());
                    engine.remove(old.id());
                }
                id = engine.create(plan.spec());
                synchronized (this) {
                    created.add(id);
                    if (closed) {
                        engine.remove(id);
                        throw new ServiceNotReadyException(service.name(), "interrupted");
                    }
                }
                engine.start(id);
                boolean foreign = plan.existing().stream()
                        .anyMatch(c -> !c.labels().containsKey(Labels.DEVSTACK_PROJECT));
                action = plan.existing().isEmpty() ? "created" : foreign ? "adopted" : "recreated";
                if (foreign) {
                    progress.info("service " + service.name() + ": adopted the container the compose CLI started "
                            + "(recreated with devstack's labels; volumes and data kept)");
                }
            }
            actions.put(service.name(), action);
            var conditions = new ReadyConditions(engineHost).of(stack, service, engine.inspect(id),
                    request.waits().get(service.name()));
            Duration timeout = request.waits().containsKey(service.name())
                    && request.waits().get(service.name()).timeout() != null
                    ? request.waits().get(service.name()).timeout() : request.readyTimeout();
            ContainerInfo ready = new Readiness(engine, failing::get).await(service.name(), id, conditions, timeout);
            if (!action.equals("up to date")) {
                progress.info("service " + service.name() + " " + action + " and "
                        + String.join(", ", conditions.stream().map(c -> c.describe()).toList())
                        + " in " + Durations.since(serviceStart));
            }
            DumpLoader.LoadResult loaded = loadDumps(service, id);
            int dumps = loaded.loaded();
            var scripts = io.devstack.core.provision.Provisioner.of(request.provisionDir(), service.name());
            if (!scripts.isEmpty()) {
                // a dropped and reloaded database lost what the scripts made in it: run them all again, as reset does
                new io.devstack.core.provision.Provisioner(engine, progress, stack.workingDir()).run(id, service,
                        DumpDialects.detect(service, service.imageFor(stack.project())).orElse(null), scripts,
                        loaded.dropped());
            }
            if (dumps > 0) {
                // the snapshot after a load restarts the server, and an ephemeral host port changes with it
                ready = engine.inspect(id);
            }
            return new ServiceResult(new ServiceState(service.name(), action, id, ready.state(), ready.health(),
                    ready.ports()), dumps);
        }

        private boolean awaitsCompletion(Service service) {
            return stack.dependents(service.name()).stream().anyMatch(d -> d.dependsOn().get(service.name())
                    .condition() == io.devstack.core.stack.DependencyCondition.SERVICE_COMPLETED_SUCCESSFULLY);
        }

        /** depends_on with {@code restart: true}: a dependency recreated in this run restarts us. */
        private boolean mustRestartForDependency(Service service) {
            return service.dependsOn().entrySet().stream().anyMatch(e -> e.getValue().restart()
                    && List.of("created", "recreated", "adopted", "restarted").contains(actions.get(e.getKey())));
        }

        private DumpLoader.LoadResult loadDumps(Service service, String containerId) {
            List<DumpFile> dumps = DumpFiles.of(request.dumpsDir(), service.name());
            if (dumps.isEmpty()) {
                return new DumpLoader.LoadResult(0, false);
            }
            DumpDialect dialect = DumpDialects.detect(service, service.imageFor(stack.project())).orElseThrow(() ->
                    new DumpException(request.dumpsDir().resolve(service.name()) + " holds dumps, but devstack cannot "
                            + "tell which database service " + service.name() + " runs; use a mariadb, mysql or "
                            + "postgres image"));
            List<DumpFile> stale = staleDumps(dumps);
            LoadTarget target = new LoadTarget(stack.project(), service, service.imageFor(stack.project()), containerId,
                    dialect, request.readyTimeout());
            DumpLoader.LoadResult result = new DumpLoader(engine, progress, stack.workingDir())
                    .load(target, dumps, request.reloadChangedDumps());
            int loaded = result.loaded();
            if (!stale.isEmpty() && request.migrateStale() != null) {
                if (loaded > 0) {
                    new StaleMigration(engine, progress, stack.workingDir()).run(target, stale, request.migrateStale());
                } else {
                    progress.info("-Ddevstack.migrateStale migrates right after a load; " + service.name()
                            + "'s data was loaded before, so nothing ran (it runs on the next fresh load, e.g. after "
                            + "mvn devstack:down -Ddevstack.removeVolumes=true)");
                }
            }
            if (loaded > 0) {
                snapshot(service, containerId, dialect, dumps);
            }
            return result;
        }

        /** Freshly loaded data is kept aside so devstack:reset can bring it back in seconds. */
        private void snapshot(Service service, String containerId, DumpDialect dialect, List<DumpFile> dumps) {
            var volume = io.devstack.core.reset.Snapshots.dataVolume(stack, service, dialect);
            if (volume.isEmpty()) {
                progress.info("no snapshot for reset: " + service.name() + " keeps its data in no named volume at "
                        + dialect.dataDir(service));
                return;
            }
            var info = engine.inspect(containerId);
            new io.devstack.core.reset.Snapshots(engine, progress).take(stack, service, containerId, volume.get(),
                    io.devstack.core.reset.Snapshots.digest(dumps),
                    io.devstack.core.reset.StackReset.readyCondition(info, dialect), request.readyTimeout());
        }

        /** A dump made from other migration sources than the project has now says so, in one line. */
        private List<DumpFile> staleDumps(List<DumpFile> dumps) {
            List<DumpFile> stale = new ArrayList<>();
            MigrationSources.Digest now = null;
            for (DumpFile dump : dumps) {
                var made = DumpHeader.read(dump.path());
                if (made.isEmpty()) {
                    continue;
                }
                if (now == null) {
                    now = MigrationSources.of(stack.workingDir(), request.migrationSources());
                }
                if (!made.get().sha256().equals(now.sha256())) {
                    progress.warn(stack.workingDir().relativize(dump.path()) + " is stale: "
                            + made.get().changedFiles(now) + " migration file(s) changed since it was made; "
                            + "refresh it with mvn devstack:dump");
                    stale.add(dump);
                }
            }
            return stale;
        }

        private void ensureNetworks() {
            for (NetworkDef network : stack.networks().values()) {
                if (engine.networkId(network.dockerName()).isPresent()) {
                    continue;
                }
                if (network.external()) {
                    throw new EngineException("network " + network.dockerName() + " is declared external but does "
                            + "not exist; create it with `docker network create " + network.dockerName()
                            + "` or drop external: true");
                }
                long t = System.nanoTime();
                Map<String, String> labels = new LinkedHashMap<>(network.labels());
                labels.putAll(Labels.project(stack.project()));
                labels.put(Labels.NETWORK, network.key());
                engine.createNetwork(network.dockerName(), network.driver(), network.internal(), labels);
                synchronized (this) {
                    createdNetworks.add(network.dockerName());
                }
                progress.info("network " + network.dockerName() + " created in " + Durations.since(t));
            }
        }

        private void ensureVolumes() {
            for (VolumeDef volume : stack.volumes().values()) {
                if (engine.volumeExists(volume.dockerName())) {
                    continue;
                }
                if (volume.external()) {
                    throw new EngineException("volume " + volume.dockerName() + " is declared external but does not "
                            + "exist; create it with `docker volume create " + volume.dockerName()
                            + "` or drop external: true");
                }
                long t = System.nanoTime();
                Map<String, String> labels = new LinkedHashMap<>(volume.labels());
                labels.putAll(Labels.project(stack.project()));
                labels.put(Labels.VOLUME, volume.key());
                engine.createVolume(volume.dockerName(), volume.driver(), labels);
                progress.info("volume " + volume.dockerName() + " created in " + Durations.since(t));
            }
        }

        /** Containers of services no longer in the compose file; those disabled by profiles are left alone. */
        private void removeOrphans() {
            for (ContainerInfo container : engine.containers(Labels.filter(stack.project(), null))) {
                String service = container.labels().get(Labels.SERVICE);
                if (service != null && !stack.services().containsKey(service)
                        && !stack.disabledServices().contains(service)
                        && !"True".equals(container.labels().get(Labels.ONEOFF))) {
                    engine.stop(container.id(), null);
                    engine.remove(container.id());
                    orphansRemoved++;
                    progress.info("orphan container " + container.name() + " (service " + service
                            + " is no longer in the compose file) removed");
                }
            }
        }

        /** Ctrl-C or a killed build: remove what this run created, as a failure would. */
        private void interrupted() {
            failing.set(true);
            cleanUp("up was interrupted");
        }

        private synchronized void cleanUp(String why) {
            if (closed) {
                return;
            }
            closed = true;
            if (created.isEmpty() && createdNetworks.isEmpty()) {
                return;
            }
            if (request.keepOnFailure()) {
                progress.warn(why + ": keeping the " + created.size() + " container(s) this run created, as asked "
                        + "(devstack.keepOnFailure); remove them with mvn devstack:down");
                return;
            }
            for (String id : created) {
                try {
                    engine.remove(id);
                } catch (RuntimeException ignored) {
                    // best effort: the original failure is what the user needs to see
                }
            }
            for (String network : createdNetworks) {
                try {
                    engine.removeNetwork(network);
                } catch (RuntimeException ignored) {
                    // still in use by a container this run did not create: leave it
                }
            }
            progress.warn(why + ": removed the " + created.size() + " container(s) it had created (volumes and data "
                    + "are kept); pass -Ddevstack.keepOnFailure=true to keep them for inspection");
        }
    }

    private record ServiceResult(ServiceState state, int dumpsLoaded) {
    }

    private void checkDumpDirectories(Stack stack, UpRequest request) {
        for (String dir : DumpFiles.serviceDirs(request.dumpsDir())) {
            if (!stack.services().containsKey(dir) && !stack.disabledServices().contains(dir)) {
                throw new DumpException(request.dumpsDir().resolve(dir) + " names no service of the compose file; "
                        + "rename it to one of: " + String.join(", ", stack.services().keySet()));
            }
        }
    }

    private void checkWaits(Stack stack, UpRequest request) {
        for (String service : request.waits().keySet()) {
            if (!stack.services().containsKey(service)) {
                throw new WaitConfigException("<waits> names service \"" + service + "\", which the compose file does "
                        + "not define (or a profile disables); known services: "
                        + String.join(", ", stack.services().keySet()));
            }
        }
    }
}
