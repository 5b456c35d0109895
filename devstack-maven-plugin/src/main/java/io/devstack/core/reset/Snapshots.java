package io.devstack.core.reset;

import io.devstack.core.DevstackException;
import io.devstack.core.Durations;
import io.devstack.core.Progress;
import io.devstack.core.dump.DumpDialect;
import io.devstack.core.dump.DumpFile;
import io.devstack.core.engine.ContainerInfo;
import io.devstack.core.engine.ContainerSpec;
import io.devstack.core.engine.Engine;
import io.devstack.core.ready.ReadyCondition;
import io.devstack.core.ready.Readiness;
import io.devstack.core.stack.Mount;
import io.devstack.core.stack.Service;
import io.devstack.core.stack.Stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

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
        MessageDigest md = io.devstack.core.Hashes.sha256();
        for (DumpFile dump : dumps) {
            md.update(dump.path().getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            io.devstack.core.Hashes.update(md, dump.path());
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
        engine.stop(containerId, service.options().stopGracePeriod());
        try {
            engine.removeVolume(snapshot);
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("io.devstack.project", stack.project());
            labels.put("com.docker.compose.project", stack.project());
            labels.put(DIGEST_LABEL, digest);
            engine.createVolume(snapshot, null, labels);
            copy(stack, service, dataVolume, snapshot, "mkdir /to/data && cp -a /from/. /to/data/ && sync "
                    + "&& echo " + digest + " > /to/complete");
        } finally {
            engine.start(containerId);
        }
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
        engine.stop(containerId, service.options().stopGracePeriod());
        boolean complete;
        try {
            complete = copy(stack, service, volumeName(stack, service), dataVolume, "[ -f /from/complete ] || exit "
                    + INCOMPLETE_EXIT + "; find /to -mindepth 1 -delete && cp -a /from/data/. /to/");
        } finally {
            engine.start(containerId);
        }
        new Readiness(engine, () -> false).await(service.name(), containerId, List.of(ready), timeout);
        return complete;
    }

    /** A one-off container of the service's own image (it has sh and cp) with both volumes mounted. */
    private boolean copy(Stack stack, Service service, String from, String to, String script) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("io.devstack.project", stack.project());
        labels.put("io.devstack.role", "snapshot-copy");
        Map<String, List<String>> networks = new LinkedHashMap<>();
        networks.put("none", List.of());
        ContainerSpec spec = new ContainerSpec(stack.project() + "-" + service.name() + "-copy-"
                + UUID.randomUUID().toString().substring(0, 8), service.imageFor(stack.project()),
                List.of("-c", script), List.of("sh"), Map.of(), labels, List.of(), List.of(),
                List.of(new Mount(Mount.Type.VOLUME, from, "/from", false), new Mount(Mount.Type.VOLUME, to, "/to", false)),
                networks, null, new Service.Options(null, null, "0:0", List.of(), null, null, null, null, null, List.of(),
                List.of(), null, null, null, null));
        String id = engine.create(spec);
        try {
            engine.start(id);
            ContainerInfo info = engine.inspect(id);
            while (info.running() || "created".equals(info.state())) {
                Thread.sleep(50);
                info = engine.inspect(id);
            }
            if (Long.valueOf(INCOMPLETE_EXIT).equals(info.exitCode())) {
                return false;
            }
            if (!Long.valueOf(0).equals(info.exitCode())) {
                throw new SnapshotException("copying " + from + " to " + to + " failed (exit " + info.exitCode() + "): "
                        + String.join(" / ", engine.logTail(id, 5)));
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SnapshotException("interrupted while copying " + from);
        } finally {
            engine.remove(id);
        }
    }

    /** Taking or restoring a snapshot failed. */
    public static final class SnapshotException extends DevstackException {
        SnapshotException(String message) {
            super(message);
        }
    }
}
