package io.devstack.core.up;

import io.devstack.core.Durations;
import io.devstack.core.Progress;
import io.devstack.core.engine.ContainerInfo;
import io.devstack.core.engine.Engine;
import io.devstack.core.engine.EngineException;
import io.devstack.core.project.Labels;
import io.devstack.core.stack.NetworkDef;
import io.devstack.core.stack.Stack;
import io.devstack.core.stack.VolumeDef;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a stack needs before its services: its networks and volumes; and the orphans of services it lost. */
final class StackResources {
    private final Engine engine;
    private final Progress progress;
    private final UpSession session;

    StackResources(Engine engine, Progress progress, UpSession session) {
        this.engine = engine;
        this.progress = progress;
        this.session = session;
    }

    void ensureNetworks() {
        Stack stack = session.stack;
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
            session.trackNetwork(network.dockerName());
            progress.info("network " + network.dockerName() + " created in " + Durations.since(t));
        }
    }

    void ensureVolumes() {
        Stack stack = session.stack;
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
            session.trackVolume(volume.dockerName());
            progress.info("volume " + volume.dockerName() + " created in " + Durations.since(t));
        }
    }

    /** Containers of services no longer in the compose file; those disabled by profiles are left alone. */
    int removeOrphans() {
        Stack stack = session.stack;
        int removed = 0;
        for (ContainerInfo container : engine.listed(Labels.filter(stack.project(), null))) {
            String service = container.labels().get(Labels.SERVICE);
            if (service != null && !stack.services().containsKey(service)
                    && !stack.disabledServices().contains(service)
                    && !"True".equals(container.labels().get(Labels.ONEOFF))) {
                engine.stop(container.id(), null);
                engine.remove(container.id());
                removed++;
                progress.info("orphan container " + container.name() + " (service " + service
                        + " is no longer in the compose file) removed");
            }
        }
        return removed;
    }
}
