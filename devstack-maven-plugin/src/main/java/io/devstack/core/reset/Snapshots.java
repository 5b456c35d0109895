package io.devstack.core.reset;

import io.devstack.core.DevstackException;
import io.devstack.core.Durations;
import io.devstack.core.Hashes;
import io.devstack.core.Progress;
import io.devstack.core.dump.DumpDialect;
import io.devstack.core.dump.DumpFile;
import io.devstack.core.engine.Engine;
import io.devstack.core.ready.ReadyCondition;
import io.devstack.core.ready.Readiness;
import io.devstack.core.stack.Mount;
import io.devstack.core.stack.Service;
import io.devstack.core.stack.Stack;
import io.devstack.core.volume.VolumeCopy;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A copy of a database's data volume taken right after its dumps loaded, keyed by the dumps' digest, so
 * {@code reset} restores the freshly loaded state by copying files instead of importing SQL again. The copy is
 * taken and restored with the server stopped (a running InnoDB or PostgreSQL must not be copied under it).
 * The snapshot volume holds the files under {@code data/} and, written only after the copy finished, a
 * {@code complete} marker: a copy cut short (Ctrl-C, a full disk) is never restored.
 */
public final class Snapshots {
    public static final String DIGEST_LABEL = "io.devstack.snapshot";
    private static final int INCOMPLETE_EXIT = 3;
    private final Engine engine;
    private final Progress progress;

    public Snapshots(Engine engine, Progress progress) {
        this.engine = engine;
        this.progress = progress;
    }

    public static String volumeName(Stack stack, Service service) {
        return stack.project() + "_" + service.name() + "_devstack-snapshot";
    }

    /** The named volume holding the service's data, if its data directory is one. */
    public static Optional<String> dataVolume(Stack stack, Service service, DumpDialect dialect) {
        return service.mounts().stream()
                .filter(m -> m.type() == Mount.Type.VOLUME && m.source() != null && m.target().equals(dialect.dataDir(service)))
                .map(m -> stack.volumes().get(m.source()).dockerName()).findFirst();
    }

    public static String digest(List<DumpFile> dumps) {
        MessageDigest md = Hashes.sha256();
        for (DumpFile dump : dumps) {
            md.update(dump.path().getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            Hashes.update(md, dump.path());
        }
        return HexFormat.of().formatHex(md.digest()).substring(0, 32);
    }

    /** The digest the existing snapshot was taken for, if there is one. */
    public Optional<String> snapshotDigest(Stack stack, Service service) {
        String name = volumeName(stack, service);
        return engine.volumeExists(name) ? engine.volumeLabels(name).map(l -> l.get(DIGEST_LABEL)) : Optional.empty();
    }

    /** Stops the server, copies its data volume into a fresh snapshot volume, starts it again. */
    public void take(Stack stack, Service service, String containerId, String dataVolume, String digest,
                     ReadyCondition ready, Duration timeout) {
        long start = System.nanoTime();
        String snapshot = volumeName(stack, service);
        copy(stack, service, containerId, "taking the snapshot of " + service.name(), () -> {
            engine.removeVolume(snapshot);
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("io.devstack.project", stack.project());
            labels.put("com.docker.compose.project", stack.project());
            labels.put(DIGEST_LABEL, digest);
            engine.createVolume(snapshot, null, labels);
        }, dataVolume, snapshot, "mkdir /to/data && cp -a /from/. /to/data/ && sync && echo " + digest + " > /to/complete");
        new Readiness(engine, () -> false).await(service.name(), containerId, List.of(ready), timeout);
        progress.info("snapshot of " + service.name() + "'s freshly loaded data taken in " + Durations.since(start)
                + " (mvn devstack:reset restores it)");
    }

    /**
     * Stops the server, replaces its data with the snapshot, starts it and waits until it is ready. Returns false,
     * with the data untouched, when the snapshot is incomplete (its copy was cut short).
     */
    public boolean restore(Stack stack, Service service, String containerId, String dataVolume, ReadyCondition ready,
                           Duration timeout) {
        boolean complete = copy(stack, service, containerId, "resetting " + service.name() + " from its snapshot",
                () -> { }, volumeName(stack, service), dataVolume, "[ -f /from/complete ] || exit " + INCOMPLETE_EXIT
                        + "; find /to -mindepth 1 -delete && cp -a /from/data/. /to/ && sync");
        new Readiness(engine, () -> false).await(service.name(), containerId, List.of(ready), timeout);
        return complete;
    }

    /** With the server stopped: {@code before}, then the copy in a helper container; false when it found no marker. */
    private boolean copy(Stack stack, Service service, String containerId, String what, Runnable before, String from,
                         String to, String script) {
        VolumeCopy.Result result;
        try (VolumeCopy pause = VolumeCopy.pause(engine, progress, stack.project(), service,
                service.imageFor(stack.project()), containerId, what)) {
            before.run();
            result = pause.copy("snapshot-copy", from, to, script);
        }
        if (result.exitCode() == INCOMPLETE_EXIT) {
            return false;
        }
        if (result.exitCode() != 0) {
            throw new SnapshotException("copying " + from + " to " + to + " failed (exit " + result.exitCode() + "): "
                    + result.outputTail());
        }
        return true;
    }

    /** Taking or restoring a snapshot failed. */
    public static final class SnapshotException extends DevstackException {
        SnapshotException(String message) {
            super(message);
        }
    }
}
