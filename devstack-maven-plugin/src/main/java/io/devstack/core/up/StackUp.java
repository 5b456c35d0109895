package io.devstack.core.up;

import io.devstack.core.Durations;
import io.devstack.core.Progress;
import io.devstack.core.compose.ComposeReader;
import io.devstack.core.dump.DumpDialect;
import io.devstack.core.dump.DumpDialects;
import io.devstack.core.dump.DumpException;
import io.devstack.core.dump.DumpFile;
import io.devstack.core.dump.DumpFiles;
import io.devstack.core.dump.DumpLoader;
import io.devstack.core.engine.ContainerInfo;
import io.devstack.core.engine.ContainerSpec;
import io.devstack.core.engine.Engine;
import io.devstack.core.engine.EngineInfo;
import io.devstack.core.stack.DependencyCondition;
import io.devstack.core.stack.Mount;
import io.devstack.core.stack.Service;
import io.devstack.core.stack.Stack;
import io.devstack.core.stack.VolumeDef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.time.Duration;

/**
 * {@code devstack:up}: reads the compose files, makes images present, then creates or reuses the network, the
 * volumes and each service's container in dependency order, waits until each is ready and loads its dumps.
 * A container whose configuration (and image) is unchanged is left alone. When anything fails, containers
 * created by this run are removed again (volumes never), unless asked to keep them.
 */
public final class StackUp {
    private final Engine engine;
    private final Progress progress;

    public StackUp(Engine engine, Progress progress) {
        this.engine = engine;
        this.progress = progress;
    }

    public UpReport run(UpRequest request) {
        long start = System.nanoTime();
        Stack stack = new ComposeReader(progress::warn).read(request.compose());
        checkDumpDirectories(stack, request);
        EngineInfo info = engine.info();
        progress.info("project " + stack.project() + " (" + stack.services().size() + " services) on Docker "
                + info.version() + ", API " + info.apiVersion());

        Map<String, String> imageIds = new Images(engine, progress).prepare(stack);
        List<String> createdContainers = new ArrayList<>();
        boolean createdNetwork = false;
        try {
            createdNetwork = ensureNetwork(stack);
            ensureVolumes(stack);
            List<ServiceState> states = new ArrayList<>();
            int dumpsLoaded = 0;
            Map<String, ContainerInfo> ready = new LinkedHashMap<>();
            for (Service service : stack.startOrder()) {
                checkDependencies(service, ready);
                long serviceStart = System.nanoTime();
                String[] action = new String[1];
                String id = ensureContainer(stack, service, imageIds.get(service.name()), createdContainers, action);
                ContainerInfo info2 = new Readiness(engine).await(service.name(), id, request.readyTimeout());
                ready.put(service.name(), info2);
                if (!action[0].equals("up to date")) {
                    progress.info("service " + service.name() + " " + action[0] + " and "
                            + (info2.health() == null ? "running" : info2.health()) + " in " + Durations.since(serviceStart));
                }
                dumpsLoaded += loadDumps(stack, service, id, request);
                states.add(new ServiceState(service.name(), action[0], id, info2.state(), info2.health(), info2.ports()));
            }
            UpReport report = new UpReport(stack.project(), states, dumpsLoaded);
            progress.info((report.changedNothing() ? "nothing to do: " + stack.project() + " is up to date"
                    : stack.project() + " is up") + " (" + Durations.since(start) + ")");
            return report;
        } catch (RuntimeException e) {
            cleanUp(stack, request, createdContainers, createdNetwork);
            throw e;
        }
    }

    private void checkDumpDirectories(Stack stack, UpRequest request) {
        for (String dir : DumpFiles.serviceDirs(request.dumpsDir())) {
            if (!stack.services().containsKey(dir)) {
                throw new DumpException(request.dumpsDir().resolve(dir) + " names no service of the compose file; "
                        + "rename it to one of: " + String.join(", ", stack.services().keySet()));
            }
        }
    }

    private boolean ensureNetwork(Stack stack) {
        if (engine.networkId(stack.networkName()).isPresent()) {
            return false;
        }
        long start = System.nanoTime();
        Map<String, String> labels = Labels.project(stack.project());
        labels.put(Labels.NETWORK, "default");
        engine.createNetwork(stack.networkName(), labels);
        progress.info("network " + stack.networkName() + " created in " + Durations.since(start));
        return true;
    }

    private void ensureVolumes(Stack stack) {
        for (VolumeDef volume : stack.volumes().values()) {
            if (engine.volumeExists(volume.dockerName())) {
                continue;
            }
            if (volume.external()) {
                throw new io.devstack.core.engine.EngineException("volume " + volume.dockerName() + " is declared "
                        + "external but does not exist; create it with `docker volume create " + volume.dockerName()
                        + "` or drop external: true");
            }
            Map<String, String> labels = new LinkedHashMap<>(volume.labels());
            labels.putAll(Labels.project(stack.project()));
            labels.put(Labels.VOLUME, volume.key());
            engine.createVolume(volume.dockerName(), volume.driver(), labels);
            progress.info("volume " + volume.dockerName() + " created");
        }
    }

    private void checkDependencies(Service service, Map<String, ContainerInfo> ready) {
        service.dependsOn().forEach((dependency, condition) -> {
            ContainerInfo info = ready.get(dependency);
            if (condition == DependencyCondition.SERVICE_HEALTHY && info.health() == null) {
                progress.warn("service " + service.name() + " waits for " + dependency + " to be healthy, but "
                        + dependency + " has no healthcheck; treating running as ready");
            }
        });
    }

    private String ensureContainer(Stack stack, Service service, String imageId, List<String> created, String[] action) {
        ContainerSpec spec = spec(stack, service);
        String hash = ConfigHash.of(spec, imageId);
        Map<String, String> labels = new LinkedHashMap<>(spec.labels());
        labels.put(Labels.CONFIG_HASH, hash);
        spec = withLabels(spec, labels);

        List<ContainerInfo> existing = engine.containers(Labels.filter(stack.project(), service.name()));
        for (ContainerInfo container : existing) {
            if (hash.equals(container.labels().get(Labels.CONFIG_HASH)) && existing.size() == 1) {
                if (container.running()) {
                    action[0] = "up to date";
                } else {
                    engine.start(container.id());
                    action[0] = "started";
                }
                return container.id();
            }
        }
        for (ContainerInfo container : existing) {
            engine.remove(container.id());
        }
        String id = engine.create(spec);
        created.add(id);
        engine.start(id);
        action[0] = existing.isEmpty() ? "created" : "recreated";
        return id;
    }

    private static ContainerSpec withLabels(ContainerSpec s, Map<String, String> labels) {
        return new ContainerSpec(s.name(), s.image(), s.command(), s.entrypoint(), s.environment(), labels, s.ports(),
                s.mounts(), s.network(), s.networkAliases(), s.healthcheck(), s.restart(), s.workingDir(), s.user(),
                s.extraHosts());
    }

    private ContainerSpec spec(Stack stack, Service service) {
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
        String name = service.containerName() != null ? service.containerName()
                : stack.project() + "-" + service.name() + "-1";
        List<String> aliases = new ArrayList<>(List.of(service.name()));
        return new ContainerSpec(name, service.imageFor(stack.project()), service.command(), service.entrypoint(),
                service.environment(), labels, service.ports(), mounts, stack.networkName(), aliases,
                service.healthcheck(), service.restart(), service.workingDir(), service.user(), service.extraHosts());
    }

    private int loadDumps(Stack stack, Service service, String containerId, UpRequest request) {
        List<DumpFile> dumps = DumpFiles.of(request.dumpsDir(), service.name());
        if (dumps.isEmpty()) {
            return 0;
        }
        DumpDialect dialect = DumpDialects.detect(service, service.imageFor(stack.project())).orElseThrow(() ->
                new DumpException(request.dumpsDir().resolve(service.name()) + " holds dumps, but devstack cannot tell "
                        + "which database service " + service.name() + " runs; use a mariadb, mysql or postgres image"));
        return new DumpLoader(engine, progress, stack.workingDir())
                .load(containerId, service, dialect, dumps, request.reloadChangedDumps());
    }

    private void cleanUp(Stack stack, UpRequest request, List<String> created, boolean createdNetwork) {
        if (created.isEmpty() && !createdNetwork) {
            return;
        }
        if (request.keepOnFailure()) {
            progress.warn("keeping the " + created.size() + " container(s) this run created, as asked "
                    + "(devstack.keepOnFailure); remove them with mvn devstack:down");
            return;
        }
        for (String id : created) {
            try {
                engine.remove(id);
            } catch (RuntimeException ignored) {
                // best effort: the original failure is what the user needs to see
            }
        }
        if (createdNetwork && engine.containers(Labels.filter(stack.project(), null)).isEmpty()) {
            try {
                engine.removeNetwork(stack.networkName());
            } catch (RuntimeException ignored) {
                // best effort
            }
        }
        progress.warn("up failed: removed the " + created.size() + " container(s) it had created (volumes and data "
                + "are kept); pass -Ddevstack.keepOnFailure=true to keep them for inspection");
    }
}
