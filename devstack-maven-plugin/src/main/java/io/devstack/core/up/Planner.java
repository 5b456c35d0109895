package io.devstack.core.up;

import io.devstack.core.engine.ContainerInfo;
import io.devstack.core.engine.ContainerSpec;
import io.devstack.core.engine.Engine;
import io.devstack.core.engine.EngineInfo;
import io.devstack.core.project.Labels;
import io.devstack.core.stack.Mount;
import io.devstack.core.stack.NetworkDef;
import io.devstack.core.stack.Service;
import io.devstack.core.stack.Stack;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/** Turns each service into the container it should be, and finds the containers it has now. */
final class Planner {
    private final Engine engine;

    Planner(Engine engine) {
        this.engine = engine;
    }

    List<ServicePlan> plan(Stack stack, Map<String, String> imageIds) {
        Map<String, List<ContainerInfo>> existing = existing(stack);
        List<ServicePlan> plans = new ArrayList<>();
        for (Service service : stack.startOrder()) {
            ContainerSpec spec = spec(stack, service);
            String hash = ConfigHash.of(spec, imageIds.get(service.name()));
            plans.add(new ServicePlan(service, spec.withLabel(Labels.CONFIG_HASH, hash), hash,
                    existing.getOrDefault(service.name(), List.of())));
        }
        return plans;
    }

    /**
     * The project's containers by service: one list, then the inspections side by side (one list and one inspect
     * per service, one after another, was most of a no-op up's engine time). A container the list shows running
     * and healthy is taken as listed: nothing an inspect adds changes what up does with it, and reading an inspect
     * costs a cold JVM more than the rest of a no-op's engine calls together.
     */
    private Map<String, List<ContainerInfo>> existing(Stack stack) {
        List<ContainerInfo> listed = engine.listed(Labels.filter(stack.project(), null)).stream()
                .filter(c -> stack.services().containsKey(c.labels().get(Labels.SERVICE))).toList();
        List<CompletableFuture<ContainerInfo>> inspections = new ArrayList<>();
        long toInspect = listed.stream().filter(c -> !settled(c)).count();
        ExecutorService pool = Executors.newFixedThreadPool((int) Math.max(1, Math.min(4, toInspect)), daemon());
        try {
            for (ContainerInfo container : listed) {
                inspections.add(settled(container) ? CompletableFuture.completedFuture(container)
                        : CompletableFuture.supplyAsync(() -> engine.inspect(container.id()), pool));
            }
            Map<String, List<ContainerInfo>> byService = new LinkedHashMap<>();
            for (CompletableFuture<ContainerInfo> inspection : inspections) {
                ContainerInfo info = join(inspection);
                byService.computeIfAbsent(info.labels().get(Labels.SERVICE), k -> new ArrayList<>()).add(info);
            }
            return byService;
        } finally {
            pool.shutdown();
        }
    }

    private static boolean settled(ContainerInfo listed) {
        return listed.running() && "healthy".equals(listed.health());
    }

    private static ContainerInfo join(CompletableFuture<ContainerInfo> inspection) {
        try {
            return inspection.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private static ThreadFactory daemon() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return task -> {
            Thread thread = new Thread(task, "devstack-inspect");
            thread.setDaemon(true);
            thread.setContextClassLoader(loader);
            return thread;
        };
    }

    static ContainerSpec spec(Stack stack, Service service) {
        Map<String, String> labels = new LinkedHashMap<>(service.labels());
        labels.putAll(Labels.service(stack, service.name()));
        List<Mount> mounts = new ArrayList<>();
        for (Mount mount : service.mounts()) {
            if (mount.type() == Mount.Type.VOLUME && mount.source() != null) {
                mounts.add(new Mount(mount.type(), stack.volumes().get(mount.source()).dockerName(), mount.target(),
                        mount.readOnly()));
            } else {
                mounts.add(mount);
            }
        }
        String name = service.options().containerName() != null ? service.options().containerName()
                : stack.project() + "-" + service.name() + "-1";
        Map<String, List<String>> networks = new LinkedHashMap<>();
        service.networks().forEach((key, aliases) -> {
            NetworkDef network = stack.networks().get(key);
            List<String> all = new ArrayList<>(network.bridge() ? List.of() : List.of(service.name()));
            aliases.stream().filter(a -> !all.contains(a)).forEach(all::add);
            networks.put(network.dockerName(), all);
        });
        return new ContainerSpec(name, service.imageFor(stack.project()), service.command(), service.entrypoint(),
                service.environment(), labels, service.ports(), service.expose(), mounts, networks,
                service.healthcheck(), service.options());
    }

    /** The address published ports are reached at: the engine's host for tcp://, else this machine. */
    static String engineHost(EngineInfo info) {
        if (info.host().startsWith("tcp://")) {
            String host = URI.create(info.host()).getHost();
            return host == null ? "127.0.0.1" : host;
        }
        return "127.0.0.1";
    }
}
