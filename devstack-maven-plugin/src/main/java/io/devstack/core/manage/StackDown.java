package io.devstack.core.manage;

import io.devstack.core.Durations;
import io.devstack.core.Progress;
import io.devstack.core.Setting;
import io.devstack.core.compose.ComposeReader;
import io.devstack.core.engine.ContainerInfo;
import io.devstack.core.engine.Engine;
import io.devstack.core.project.Labels;
import io.devstack.core.project.ProjectLock;
import io.devstack.core.manage.StackLogs.UnknownServiceException;
import io.devstack.core.stack.Mount;
import io.devstack.core.stack.Service;
import io.devstack.core.stack.Stack;

import java.time.Duration;
import java.util.List;

/**
 * {@code devstack:down}: removes every container of the project (services no longer in the compose file and
 * those of disabled profiles included) and its networks. Volumes, and so data, stay unless asked otherwise.
 */
public final class StackDown {
    private final Engine engine;
    private final Progress progress;

    public StackDown(Engine engine, Progress progress) {
        this.engine = engine;
        this.progress = progress;
    }

    public void run(DownRequest request) {
        long start = System.nanoTime();
        Stack stack = new ComposeReader(progress::warn).read(request.compose());
        engine.info();
        try (ProjectLock lock = ProjectLock.acquire(stack.project(), Duration.ofMinutes(2), progress)) {
            if (!request.services().isEmpty()) {
                downServices(stack, request);
                return;
            }
            List<ContainerInfo> containers = new java.util.ArrayList<>(engine.containers(Labels.filter(stack.project(), null)));
            // devstack's own helpers (dump throwaways, snapshot copies) left behind by a killed build
            for (ContainerInfo helper : engine.containers(java.util.Map.of(Labels.DEVSTACK_PROJECT, stack.project()))) {
                if (containers.stream().noneMatch(c -> c.id().equals(helper.id()))) {
                    containers.add(helper);
                }
            }
            for (List<ContainerInfo> wave : dependentsFirst(stack, containers)) {
                wave.parallelStream().forEach(container -> {
                    long t = System.nanoTime();
                    Service service = serviceOf(stack, container);
                    engine.stop(container.id(), service == null ? null : service.options().stopGracePeriod());
                    engine.remove(container.id());
                    progress.info("container " + container.name() + " removed in " + Durations.since(t));
                });
            }
            if (request.removeImages()) {
                removeBuiltImages(stack);
            }
            for (String network : engine.networks(Labels.filter(stack.project(), null))) {
                engine.removeNetwork(network);
                progress.info("network " + network + " removed");
            }
            List<String> volumes = engine.volumes(Labels.filter(stack.project(), null)).stream().sorted().toList();
            if (request.removeVolumes()) {
                for (String volume : volumes) {
                    engine.removeVolume(volume);
                    progress.info("volume " + volume + " removed (its data is gone)");
                }
            } else if (!volumes.isEmpty()) {
                progress.info("kept volume(s) " + String.join(", ", volumes)
                        + " with your data; " + Setting.REMOVE_VOLUMES.ref("true") + " removes them");
            }
        }
        progress.info(stack.project() + " is down (" + Durations.since(start) + ")");
    }

    /**
     * Waves of containers to stop together, as the compose CLI orders them: a service goes once every service that
     * depends on it is gone, so an app is not left logging errors about its vanished database. Containers of no
     * current service (orphans, helpers) go first.
     */
    static List<List<ContainerInfo>> dependentsFirst(Stack stack, List<ContainerInfo> containers) {
        List<List<ContainerInfo>> waves = new java.util.ArrayList<>();
        List<ContainerInfo> left = new java.util.ArrayList<>(containers);
        while (!left.isEmpty()) {
            java.util.Set<String> stillNeeded = new java.util.HashSet<>();
            for (ContainerInfo c : left) {
                Service service = serviceOf(stack, c);
                if (service != null) {
                    stillNeeded.addAll(service.dependsOn().keySet());
                }
            }
            List<ContainerInfo> wave = left.stream().filter(c -> serviceOf(stack, c) == null
                    || !stillNeeded.contains(serviceOf(stack, c).name())).toList();
            if (wave.isEmpty()) {
                wave = List.copyOf(left); // a dependency cycle the compose reader let through: stop the rest together
            }
            waves.add(wave);
            left.removeAll(wave);
        }
        return waves;
    }

    private static Service serviceOf(Stack stack, ContainerInfo container) {
        String name = container.labels().get(Labels.SERVICE);
        return name == null ? null : stack.services().get(name);
    }

    /**
     * The images devstack built for this project — its compose build: services (labelled with the project) and its
     * devstack:build image — never one it pulled or loaded from another repository's artifact.
     */
    private void removeBuiltImages(Stack stack) {
        for (Service service : stack.services().values()) {
            String image = service.imageFor(stack.project());
            var info = engine.inspectImage(image);
            boolean built = info.isPresent() && (stack.project().equals(info.get().labels().get(Labels.PROJECT))
                    || info.get().labels().containsKey(Labels.IMAGE_INPUTS));
            if (built && engine.removeImage(image)) {
                progress.info("image " + image + " removed");
            }
        }
    }

    /** Some services only: their containers, and with removeVolumes the volumes they mount; networks stay. */
    private void downServices(Stack stack, DownRequest request) {
        for (String name : request.services()) {
            Service service = stack.services().get(name);
            if (service == null) {
                throw new UnknownServiceException("no service \"" + name + "\" in the compose file; known services: "
                        + String.join(", ", stack.services().keySet()));
            }
            for (ContainerInfo container : engine.containers(Labels.filter(stack.project(), name))) {
                engine.stop(container.id(), service.options().stopGracePeriod());
                engine.remove(container.id());
                progress.info("container " + container.name() + " removed");
            }
            for (Mount mount : service.mounts()) {
                if (mount.type() == Mount.Type.VOLUME && mount.source() != null && request.removeVolumes()) {
                    String volume = stack.volumes().get(mount.source()).dockerName();
                    if (engine.volumeExists(volume)) {
                        engine.removeVolume(volume);
                        progress.info("volume " + volume + " removed (its data is gone)");
                    }
                }
            }
        }
        progress.info(String.join(", ", request.services()) + " of " + stack.project() + " down; the networks stay "
                + "for the other services");
    }
}
