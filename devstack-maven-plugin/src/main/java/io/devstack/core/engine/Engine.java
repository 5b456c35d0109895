package io.devstack.core.engine;

import io.devstack.core.Progress;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What devstack needs from a container engine. The only implementation talks to the Docker Engine API
 * through docker-java; nothing outside {@code engine.docker} sees docker-java types.
 *
 * <p>Every method throws {@link EngineException} (and nothing else) when the engine refuses or fails: its message
 * says what was asked and the engine's reason in one line. {@link #info} throws {@link EngineUnavailableException}
 * when no engine answers, {@link #pull} {@link ImageUnavailableException}, {@link #build}
 * {@link ImageBuildException}. Lookups of something absent answer empty or false, never throw; removing something
 * already gone succeeds.
 */
public interface Engine extends AutoCloseable {

    /** Connects and checks the engine answers; throws {@link EngineUnavailableException} otherwise. */
    EngineInfo info();

    /**
     * Starts connecting on a thread of its own, so the connect overlaps the goal's reading of its inputs; the
     * first {@link #info} (or any call) waits for it and reports its failure. Optional: engines connect lazily.
     */
    default void connectAhead() {
    }

    Optional<String> imageId(String reference);

    java.util.Optional<ImageInfo> inspectImage(String reference);

    /** The image's history, oldest step first. */
    List<HistoryEntry> imageHistory(String reference);

    /** Loads a docker-archive (docker save format) streamed from {@code archive}. */
    void loadImage(java.io.InputStream archive);

    /**
     * Removes an image (by id or reference) unless a container, running or not, still uses it or another tag names
     * it; returns whether it was removed.
     */
    boolean removeImage(String image);

    /** Writes the images (references with their tags) as one docker-archive, the format loadImage reads. */
    void saveImages(List<String> references, Path target);

    /** Pulls an image; throws {@link ImageUnavailableException} when no registry has it. */
    void pull(String reference, Progress progress);

    /** Builds an image and returns its id; throws {@link ImageBuildException} naming the failing step. */
    String build(BuildRequest request, Progress progress);

    Optional<String> networkId(String name);

    void createNetwork(String name, String driver, boolean internal, Map<String, String> labels);

    /** Networks carrying all the given labels, by name. */
    List<String> networks(Map<String, String> labels);

    void removeNetwork(String name);

    boolean volumeExists(String name);

    java.util.Optional<Map<String, String>> volumeLabels(String name);

    void createVolume(String name, String driver, Map<String, String> labels);

    List<String> volumes(Map<String, String> labels);

    void removeVolume(String name);

    /** Containers carrying all the given labels, in any state. */
    List<ContainerInfo> containers(Map<String, String> labels);

    /**
     * The same containers as the engine's list shows them, in one call: id, name, image, image id, labels, state
     * and published ports are set; health only where the list shows it (null then proves nothing: an engine may
     * not show it); exit code and start time are null. For lookups by label that need no more (orphans, leftover
     * helpers, ports in use, containers already up and healthy), which would otherwise inspect every container.
     */
    default List<ContainerInfo> listed(Map<String, String> labels) {
        return containers(labels);
    }

    ContainerInfo inspect(String containerId);

    /** The name of the volume (named or anonymous) mounted at {@code path} in the container, if one is. */
    Optional<String> volumeAt(String containerId, String path);

    String create(ContainerSpec spec);

    void start(String containerId);

    /** Stops a container; a null grace uses the container's own stop timeout. */
    void stop(String containerId, Duration grace);

    void restart(String containerId, Duration grace);

    /** Removes a container (forcefully) and its anonymous volumes; never named volumes. */
    void remove(String containerId);

    ExecResult exec(String containerId, List<String> command, Map<String, String> env);

    /**
     * Runs a command with a file streamed into its stdin (end of file reaching the process as end of input);
     * {@code progress} gets the bytes sent so far. Where the connection cannot stream (e.g. TLS), the file is copied
     * into the container first and fed to the command from there: either way the command gets it.
     */
    ExecResult execWithInput(String containerId, List<String> command, Map<String, String> env, Path input,
                             java.util.function.LongConsumer progress);

    /** Streams a host file into the container as {@code containerDir/name}, without holding it in memory. */
    void copyFile(String containerId, Path file, String containerDir, String name);

    /** Copies one file out of a container to {@code target} (streamed). */
    void copyFileFrom(String containerId, String containerPath, Path target);

    List<String> logTail(String containerId, int lines);

    /**
     * Streams a container's log lines (stdout and stderr) to {@code sink}; with {@code follow} until the container
     * stops or the thread is interrupted. {@code tail} null means all lines.
     */
    default void logs(String containerId, boolean follow, Integer tail, java.util.function.Consumer<String> sink) {
        logs(containerId, follow, tail, false, sink);
    }

    /** The same; with {@code timestamps} each line starts with the engine's RFC 3339 time of it and a space. */
    void logs(String containerId, boolean follow, Integer tail, boolean timestamps,
              java.util.function.Consumer<String> sink);

    @Override
    void close();
}
