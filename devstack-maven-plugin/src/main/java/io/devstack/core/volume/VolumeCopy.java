package io.devstack.core.volume;

import io.devstack.core.DevstackException;
import io.devstack.core.Progress;
import io.devstack.core.engine.ContainerInfo;
import io.devstack.core.engine.ContainerSpec;
import io.devstack.core.engine.Engine;
import io.devstack.core.stack.Mount;
import io.devstack.core.stack.Service;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Copies between a database's data volume and another volume while its server is stopped (a running InnoDB or
 * PostgreSQL must not be copied under it), in a one-off container of the service's own image (it has sh and cp).
 * Made for being interrupted: when the build is stopped (Ctrl-C, a killed Maven), a shutdown hook lets the copy
 * finish, removes the helper and starts the server again, so the database runs as before and no helper stays.
 */
public final class VolumeCopy implements AutoCloseable {
    private final Engine engine;
    private final Progress progress;
    private final String project;
    private final Service service;
    private final String image;
    private final String serverId;
    private final String what;
    private final Thread hook;
    private volatile String helper;
    private boolean closed;
    /** Counted down when the shutdown hook finished its cleanup; the main thread waits for it (see close). */
    private final java.util.concurrent.CountDownLatch hookDone = new java.util.concurrent.CountDownLatch(1);
    private volatile boolean hookTookOver;

    private VolumeCopy(Engine engine, Progress progress, String project, Service service, String image,
                       String serverId, String what) {
        this.engine = engine;
        this.progress = progress;
        this.project = project;
        this.service = service;
        this.image = image;
        this.serverId = serverId;
        this.what = what;
        this.hook = new Thread(this::interrupted, "devstack-volume-copy-interrupted");
    }

    /** Stops the server of {@code service} for {@code what} (e.g. "taking the snapshot"); close starts it again. */
    public static VolumeCopy pause(Engine engine, Progress progress, String project, Service service, String image,
                                   String serverId, String what) {
        VolumeCopy copy = new VolumeCopy(engine, progress, project, service, image, serverId, what);
        Runtime.getRuntime().addShutdownHook(copy.hook);
        engine.stop(serverId, service.options().stopGracePeriod());
        return copy;
    }

    /** How a copy ended: the script's exit code and, when it failed, the last lines of its output. */
    public record Result(long exitCode, String outputTail) {
    }

    /** Runs {@code sh -c script} with {@code from} at /from and {@code to} at /to. */
    public Result copy(String role, String from, String to, String script) {
        Map<String, List<String>> networks = new LinkedHashMap<>();
        networks.put("none", List.of());
        ContainerSpec spec = new ContainerSpec(project + "-" + service.name() + "-copy-"
                + UUID.randomUUID().toString().substring(0, 8), image, List.of("-c", script), List.of("sh"), Map.of(),
                HelperContainers.labels(project, role), List.of(), List.of(),
                List.of(new Mount(Mount.Type.VOLUME, from, "/from", false), new Mount(Mount.Type.VOLUME, to, "/to", false)),
                networks, null, new Service.Options(null, null, "0:0", List.of(), null, null, null, null, null, List.of(),
                List.of(), null, null, null, null));
        synchronized (this) {
            if (closed) {
                throw new CopyException(what + " was interrupted before the copy began; nothing was copied");
            }
            helper = engine.create(spec);
        }
        try {
            engine.start(helper);
            ContainerInfo info = awaitExit(engine, helper, Duration.ofHours(2));
            if (!"exited".equals(info.state()) || info.exitCode() == null) {
                throw new CopyException("copying " + from + " to " + to + " did not finish (its container is "
                        + info.state() + ")");
            }
            return new Result(info.exitCode(), info.exitCode() == 0 ? "" : String.join(" / ", engine.logTail(helper, 5)));
        } finally {
            String id = helper;
            helper = null;
            removeQuietly(id);
        }
    }

    private void removeQuietly(String id) {
        try {
            engine.remove(id);
        } catch (RuntimeException alreadyGone) {
            // the shutdown hook removed it first
        }
    }

    static ContainerInfo awaitExit(Engine engine, String id, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        ContainerInfo info = engine.inspect(id);
        try {
            // until it has ended: Podman passes through states of its own (stopping) between running and exited
            while (!"exited".equals(info.state()) && !"dead".equals(info.state()) && System.nanoTime() < deadline) {
                Thread.sleep(50);
                info = engine.inspect(id);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return info;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (!closed) {
                closed = true;
                startServer();
                return;
            }
        }
        if (hookTookOver) {
            // the hook is cleaning up: carrying on would let the build close the engine under it
            try {
                hookDone.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void startServer() {
        engine.start(serverId);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs now and starts nothing twice: closed is set
        }
    }

    // the shutdown hook's body; package-private so a test can play the race the hook runs in
    void interrupted() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            hookTookOver = true;
        }
        try {
            cleanUpAfterInterruption();
        } finally {
            hookDone.countDown();
        }
    }

    private void cleanUpAfterInterruption() {
        String running = helper;
        try {
            if (running != null && stillRunning(running)) {
                // cutting a copy off would leave its target half written: leave it, and the server stopped
                progress.warn(what + " was interrupted while the copy still runs in container " + running
                        + "; it is left to finish: run mvn devstack:up afterwards, which starts " + service.name());
                return;
            }
            if (running != null) {
                removeQuietly(running);
            }
            engine.start(serverId);
            progress.warn(what + " was interrupted: " + (running != null ? "the copy was let finish, its helper "
                    + "container removed, and " : "") + service.name() + " was started again");
        } catch (RuntimeException e) {
            progress.warn(what + " was interrupted and " + service.name() + " could not be started again ("
                    + e.getMessage() + "); run mvn devstack:up");
        }
    }

    /**
     * Whether the helper still copies after waiting for it. The build's own thread goes on while this hook runs, so
     * the copy may end and that thread remove the helper under us: gone that way, it has finished.
     */
    private boolean stillRunning(String running) {
        try {
            return awaitExit(engine, running, Duration.ofMinutes(5)).running();
        } catch (RuntimeException inspectFailed) {
            if (helper != running) {
                return false;
            }
            throw inspectFailed;
        }
    }

    /** A copy between volumes failed. */
    public static final class CopyException extends DevstackException {
        public CopyException(String message) {
            super(message);
        }
    }
}
