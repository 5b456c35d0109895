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
 */
public interface Engine extends AutoCloseable {

    /** Connects and checks the engine answers; throws {@link EngineUnavailableException} otherwise. */
    EngineInfo info();

    Optional<String> imageId(String reference);

    /** Pulls an image; throws {@link ImageUnavailableException} when no registry has it. */
    void pull(String reference, Progress progress);

    /** Builds an image and returns its id; throws {@link ImageBuildException} naming the failing step. */
    String build(BuildRequest request, Progress progress);

    Optional<String> networkId(String name);

    void createNetwork(String name, Map<String, String> labels);

    void removeNetwork(String name);

    boolean volumeExists(String name);

    void createVolume(String name, String driver, Map<String, String> labels);

    List<String> volumes(Map<String, String> labels);

    void removeVolume(String name);

    /** Containers carrying all the given labels, in any state. */
    List<ContainerInfo> containers(Map<String, String> labels);

    ContainerInfo inspect(String containerId);

    String create(ContainerSpec spec);

    void start(String containerId);

    void stop(String containerId, Duration grace);

    /** Removes a container (forcefully) and its anonymous volumes; never named volumes. */
    void remove(String containerId);

    ExecResult exec(String containerId, List<String> command, Map<String, String> env);

    /** Streams a host file into the container as {@code containerDir/name}, without holding it in memory. */
    void copyFile(String containerId, Path file, String containerDir, String name);

    List<String> logTail(String containerId, int lines);

    @Override
    void close();
}
