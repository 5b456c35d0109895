package io.devstack.core.engine.docker;

import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import io.devstack.core.DevstackException;
import io.devstack.core.Progress;
import io.devstack.core.engine.BuildRequest;
import io.devstack.core.engine.ContainerInfo;
import io.devstack.core.engine.ContainerSpec;
import io.devstack.core.engine.Engine;
import io.devstack.core.engine.EngineException;
import io.devstack.core.engine.EngineInfo;
import io.devstack.core.engine.ExecResult;
import io.devstack.core.engine.HistoryEntry;
import io.devstack.core.engine.ImageInfo;
import io.devstack.core.engine.discovery.EngineDiscovery;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The Docker Engine API through docker-java, behind a closed boundary: whatever docker-java or its transport throws
 * leaves as one {@link EngineException} saying what was asked and the engine's reason in plain words (no JSON, no
 * stack trace); devstack's own exceptions pass unchanged. The calls themselves are in {@link DockerJavaCalls}.
 */
public final class DockerJavaEngine implements Engine {
    /** Label carrying a container's own stop grace, for a later stop without the compose file. */
    public static final String STOP_GRACE_LABEL = DockerJavaCalls.STOP_GRACE_LABEL;
    private final DockerJavaCalls calls;

    private static final AtomicBoolean PRELOADED = new AtomicBoolean();

    /**
     * Loads the client's classes on a thread of its own, once per JVM: JSON binding and docker-java's configuration
     * are a large part of a goal's engine connect, and loading them can overlap Maven's configuring of the goal.
     * Touches no engine and no file but docker-java's own configuration; failures only mean the connect loads them.
     */
    public static void preloadClasses() {
        if (!PRELOADED.compareAndSet(false, true)) {
            return;
        }
        Thread preload = new Thread(() -> {
            try {
                DefaultDockerClientConfig.createDefaultConfigBuilder()
                        .withDockerHost("unix:///var/run/docker.sock").build();
                DockerClientConfig.getDefaultObjectMapper().readValue(
                        "{\"Version\":\"0\",\"ApiVersion\":\"1.41\",\"Components\":[{\"Name\":\"Engine\"}]}",
                        Version.class);
            } catch (java.io.IOException | RuntimeException | LinkageError ignored) {
                // nothing was needed from it; a goal that ended first has had Maven close the classes' realm
            }
        }, "devstack-preload");
        preload.setContextClassLoader(Thread.currentThread().getContextClassLoader());
        preload.setDaemon(true);
        preload.start();
    }

    /** The engine the process's environment names, or the first usual socket that answers (see EngineDiscovery). */
    public DockerJavaEngine() {
        this(null);
    }

    /** {@code dockerHost}: {@code <dockerHost>}/{@code -Ddevstack.dockerHost}, which wins over discovery; or null. */
    public DockerJavaEngine(String dockerHost) {
        this.calls = new DockerJavaCalls(() -> EngineDiscovery.ofThisProcess().find(dockerHost));
    }

    private static <T> T guard(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (DevstackException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EngineException(what + " failed: " + EngineMessages.readable(e), e);
        }
    }

    private static void guard(String what, Runnable call) {
        guard(what, () -> {
            call.run();
            return null;
        });
    }

    @Override
    public void connectAhead() {
        calls.connectAhead();
    }

    @Override
    public EngineInfo info() {
        return guard("connecting to the Docker engine", calls::info);
    }

    @Override
    public Optional<String> imageId(String reference) {
        return guard("looking up image " + reference, () -> calls.imageId(reference));
    }

    @Override
    public Optional<ImageInfo> inspectImage(String reference) {
        return guard("inspecting image " + reference, () -> calls.inspectImage(reference));
    }

    @Override
    public List<HistoryEntry> imageHistory(String reference) {
        return guard("reading the history of image " + reference, () -> calls.imageHistory(reference));
    }

    @Override
    public void loadImage(InputStream archive) {
        guard("loading an image into the engine", () -> calls.loadImage(archive));
    }

    @Override
    public boolean removeImage(String image) {
        return guard("removing image " + image, () -> calls.removeImage(image));
    }

    @Override
    public void saveImages(List<String> references, Path target) {
        guard("saving images " + references, () -> calls.saveImages(references, target));
    }

    @Override
    public void pull(String reference, Progress progress) {
        guard("pulling image " + reference, () -> calls.pull(reference, progress));
    }

    @Override
    public String build(BuildRequest request, Progress progress) {
        return guard("building image " + request.tags(), () -> calls.build(request, progress));
    }

    @Override
    public Optional<String> networkId(String name) {
        return guard("looking up network " + name, () -> calls.networkId(name));
    }

    @Override
    public void createNetwork(String name, String driver, boolean internal, Map<String, String> labels) {
        guard("creating network " + name, () -> calls.createNetwork(name, driver, internal, labels));
    }

    @Override
    public List<String> networks(Map<String, String> labels) {
        return guard("listing networks", () -> calls.networks(labels));
    }

    @Override
    public void removeNetwork(String name) {
        guard("removing network " + name, () -> calls.removeNetwork(name));
    }

    @Override
    public boolean volumeExists(String name) {
        return guard("looking up volume " + name, () -> calls.volumeExists(name));
    }

    @Override
    public Optional<Map<String, String>> volumeLabels(String name) {
        return guard("inspecting volume " + name, () -> calls.volumeLabels(name));
    }

    @Override
    public void createVolume(String name, String driver, Map<String, String> labels) {
        guard("creating volume " + name, () -> calls.createVolume(name, driver, labels));
    }

    @Override
    public List<String> volumes(Map<String, String> labels) {
        return guard("listing volumes", () -> calls.volumes(labels));
    }

    @Override
    public void removeVolume(String name) {
        guard("removing volume " + name, () -> calls.removeVolume(name));
    }

    @Override
    public List<ContainerInfo> listed(Map<String, String> labels) {
        return guard("listing containers", () -> calls.listed(labels));
    }

    @Override
    public List<ContainerInfo> containers(Map<String, String> labels) {
        return guard("listing containers", () -> calls.containers(labels));
    }

    @Override
    public ContainerInfo inspect(String containerId) {
        return guard("inspecting container " + shortId(containerId), () -> calls.inspect(containerId));
    }

    @Override
    public Optional<String> volumeAt(String containerId, String path) {
        return guard("inspecting the mounts of container " + shortId(containerId),
                () -> calls.volumeAt(containerId, path));
    }

    @Override
    public String create(ContainerSpec spec) {
        return guard("creating container " + spec.name(), () -> calls.create(spec));
    }

    @Override
    public void start(String containerId) {
        guard("starting container " + shortId(containerId), () -> calls.start(containerId));
    }

    @Override
    public void stop(String containerId, Duration grace) {
        guard("stopping container " + shortId(containerId), () -> calls.stop(containerId, grace));
    }

    @Override
    public void restart(String containerId, Duration grace) {
        guard("restarting container " + shortId(containerId), () -> calls.restart(containerId, grace));
    }

    @Override
    public void remove(String containerId) {
        guard("removing container " + shortId(containerId), () -> calls.remove(containerId));
    }

    @Override
    public ExecResult exec(String containerId, List<String> command, Map<String, String> env) {
        return guard("running " + command.get(0) + " in container " + shortId(containerId),
                () -> calls.exec(containerId, command, env));
    }

    @Override
    public ExecResult execWithInput(String containerId, List<String> command, Map<String, String> env, Path input,
                                    LongConsumer progress) {
        return guard("running " + command.get(0) + " with " + input.getFileName() + " as its input in container "
                + shortId(containerId), () -> calls.execWithInput(containerId, command, env, input, progress));
    }

    @Override
    public void copyFile(String containerId, Path file, String containerDir, String name) {
        guard("copying " + file.getFileName() + " into container " + shortId(containerId),
                () -> calls.copyFile(containerId, file, containerDir, name));
    }

    @Override
    public void copyFileFrom(String containerId, String containerPath, Path target) {
        guard("copying " + containerPath + " out of container " + shortId(containerId),
                () -> calls.copyFileFrom(containerId, containerPath, target));
    }

    @Override
    public List<String> logTail(String containerId, int lines) {
        return guard("reading the log of container " + shortId(containerId), () -> calls.logTail(containerId, lines));
    }

    @Override
    public void logs(String containerId, boolean follow, Integer tail, boolean timestamps, Consumer<String> sink) {
        guard("reading the log of container " + shortId(containerId), () -> calls.logs(containerId, follow, tail,
                timestamps, sink));
    }

    @Override
    public void close() {
        calls.close();
    }

    private static String shortId(String id) {
        return id.length() == 64 && id.chars().allMatch(c -> Character.digit(c, 16) >= 0) ? id.substring(0, 12) : id;
    }
}
