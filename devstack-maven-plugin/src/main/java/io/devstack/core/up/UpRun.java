package io.devstack.core.up;

import io.devstack.core.Durations;
import io.devstack.core.Progress;
import io.devstack.core.Setting;
import io.devstack.core.engine.Engine;
import io.devstack.core.ready.ServiceNotReadyException;
import io.devstack.core.stack.Service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One execution of {@code up} once it is planned: networks, volumes and orphans first, then every service through
 * {@link ServiceBringUp} in parallel, each once its dependencies meet their condition. When anything fails or the
 * build is interrupted, the containers and networks created by this run are removed again, and so are the volumes
 * it created for a service it cut off before that was ready (a database stopped in its first initialisation leaves
 * a volume no later start can use; it holds nothing else). Other volumes are never touched. Unless asked to keep
 * them.
 */
final class UpRun {
    private final Engine engine;
    private final Progress progress;
    private final UpSession session;
    private final Map<String, ServicePlan> plans = new LinkedHashMap<>();

    UpRun(Engine engine, Progress progress, UpSession session, List<ServicePlan> plans) {
        this.engine = engine;
        this.progress = progress;
        this.session = session;
        plans.forEach(p -> this.plans.put(p.service().name(), p));
    }

    UpReport execute(long start) {
        Thread hook = new Thread(() -> cleanUp("up was interrupted"), "devstack-up-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "devstack-up");
            t.setDaemon(true);
            return t;
        });
        try {
            StackResources resources = new StackResources(engine, progress, session);
            resources.ensureNetworks();
            resources.ensureVolumes();
            int orphans = resources.removeOrphans();
            UpReport report = startServices(pool, orphans);
            progress.info((report.changedNothing() ? "nothing to do: " + session.stack.project() + " is up to date"
                    : session.stack.project() + " is up") + " (" + Durations.since(start) + ")");
            return report;
        } catch (RuntimeException e) {
            cleanUp("up failed");
            throw e;
        } finally {
            pool.shutdownNow();
            session.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or ran: it did the cleanup
            }
        }
    }

    private UpReport startServices(ExecutorService pool, int orphans) {
        ServiceBringUp bringUp = new ServiceBringUp(engine, progress, session);
        Map<String, CompletableFuture<ServiceBringUp.Result>> futures = new LinkedHashMap<>();
        for (Service service : session.stack.startOrder()) {
            CompletableFuture<?>[] deps = service.dependsOn().keySet().stream()
                    .map(futures::get).toArray(CompletableFuture[]::new);
            futures.put(service.name(), CompletableFuture.allOf(deps)
                    .thenApplyAsync(ignored -> bringUp.run(service, plans.get(service.name())), pool)
                    .whenComplete((r, e) -> {
                        if (e != null) {
                            session.fail();
                        }
                    }));
        }
        List<ServiceState> states = new ArrayList<>();
        int dumpsLoaded = 0;
        boolean failed = false;
        // every service's work ends before up does: one still putting its data back must not be cut off
        for (CompletableFuture<ServiceBringUp.Result> future : futures.values()) {
            try {
                ServiceBringUp.Result result = future.join();
                states.add(result.state());
                dumpsLoaded += result.dumpsLoaded();
            } catch (CompletionException e) {
                failed = true;
            }
        }
        if (failed) {
            throw firstCause(futures);
        }
        return new UpReport(session.stack.project(), states, dumpsLoaded, orphans);
    }

    /** The failure that happened first in start order, not a dependent's echo of it. */
    private static RuntimeException firstCause(Map<String, CompletableFuture<ServiceBringUp.Result>> futures) {
        RuntimeException echo = null;
        for (CompletableFuture<ServiceBringUp.Result> future : futures.values()) {
            try {
                future.join();
            } catch (CompletionException e) {
                Throwable cause = e.getCause();
                while (cause instanceof CompletionException && cause.getCause() != null) {
                    cause = cause.getCause();
                }
                RuntimeException runtime = cause instanceof RuntimeException r ? r : new RuntimeException(cause);
                if (!(runtime instanceof ServiceNotReadyException notReady && notReady.isEcho())) {
                    return runtime;
                }
                echo = echo != null ? echo : runtime;
            }
        }
        return echo;
    }

    /**
     * A failure or Ctrl-C: remove what this run created. Synchronized so the shutdown hook waits for a cleanup the
     * failing main thread already began: the JVM halts once the hook returns.
     */
    private synchronized void cleanUp(String why) {
        session.fail();
        UpSession.Created created = session.close();
        if (created == null || created.isEmpty()) {
            return;
        }
        if (session.request.keepOnFailure()) {
            progress.warn(why + ": keeping the " + created.containers().size() + " container(s) (and volumes) this run created, "
                    + "as asked (" + Setting.KEEP_ON_FAILURE.ref() + "); remove them with mvn devstack:down");
            return;
        }
        for (String id : created.containers()) {
            try {
                engine.remove(id);
            } catch (RuntimeException ignored) {
                // best effort: the original failure is what the user needs to see
            }
        }
        for (String network : created.networks()) {
            try {
                engine.removeNetwork(network);
            } catch (RuntimeException ignored) {
                // still in use by a container this run did not create: leave it
            }
        }
        // after the containers that used them, which are gone now
        List<String> cutOff = session.cutOffVolumes(created.volumes());
        List<String> volumesLeft = new java.util.ArrayList<>();
        for (String volume : cutOff) {
            try {
                engine.removeVolume(volume);
            } catch (RuntimeException e) {
                volumesLeft.add(volume);
            }
        }
        progress.warn(why + ": removed the " + created.containers().size() + " container(s) it had created"
                + (cutOff.isEmpty() ? "" : " and the " + (cutOff.size() - volumesLeft.size()) + " new volume(s) of "
                + "services cut off before they were ready") + " (other volumes and data are kept"
                + (volumesLeft.isEmpty() ? "" : "; could not remove " + String.join(", ", volumesLeft)) + "); pass "
                + Setting.KEEP_ON_FAILURE.ref("true") + " to keep them for inspection");
    }
}
