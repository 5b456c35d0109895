package io.devstack.core.up;

import io.devstack.core.Progress;
import io.devstack.core.compose.ComposeFileException;
import io.devstack.core.compose.ComposeReader;
import io.devstack.core.dump.DumpDialects;
import io.devstack.core.dump.DumpException;
import io.devstack.core.dump.DumpFiles;
import io.devstack.core.engine.Engine;
import io.devstack.core.engine.EngineInfo;
import io.devstack.core.project.ProjectLock;
import io.devstack.core.stack.Mount;
import io.devstack.core.stack.PortMapping;
import io.devstack.core.stack.Service;
import io.devstack.core.stack.Stack;
import io.devstack.core.volume.HelperContainers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code devstack:up}. Reads the compose files, checks the dump directories and waits, makes every image present
 * and decides per service what to do (keep, start, create or recreate) before touching anything; checks host
 * ports; then hands the plan to {@link UpRun}, which does it.
 */
public final class StackUp {
    private static final Duration LOCK_WAIT = Duration.ofMinutes(2);
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
        checkWaits(stack, request);
        checkBindSources(stack);
        EngineInfo info = engine.info();
        progress.info("project " + stack.project() + " (" + stack.services().size() + " services) on " + info.describe());
        if (info.remote()) {
            warnLoopbackPorts(stack, info.remoteHost());
        }
        try (ProjectLock lock = ProjectLock.acquire(stack.project(), LOCK_WAIT, progress)) {
            HelperContainers.sweep(engine, stack.project(), progress);
            Images images = new Images(engine, progress);
            Map<String, String> imageIds = images.prepare(stack);
            List<ServicePlan> plans = new Planner(engine).plan(stack, imageIds);
            PortCheck.check(engine, plans, info.host().startsWith("unix:"));
            UpSession session = new UpSession(stack, request, Planner.engineHost(info));
            UpReport report = new UpRun(engine, progress, session, plans).execute(start);
            images.removeReplaced(imageIds.values());
            return report;
        }
    }

    /** The engine would refuse a bind mount of a missing path only once containers are being made: say it now. */
    private void checkBindSources(Stack stack) {
        for (Service service : stack.services().values()) {
            for (Mount mount : service.mounts()) {
                if (mount.type() == Mount.Type.BIND && !Files.exists(Path.of(mount.source()))) {
                    throw new ComposeFileException(stack.composeFiles().get(0), 0, "services." + service.name()
                            + ".volumes", "service " + service.name() + " mounts " + mount.source() + ", which does "
                            + "not exist; create it or fix the path");
                }
            }
        }
    }

    /** Dumps that name no service, or a service that runs no database devstack knows, fail before anything. */
    private void checkDumpDirectories(Stack stack, UpRequest request) {
        for (String dir : DumpFiles.serviceDirs(request.dumpsDir())) {
            if (!stack.services().containsKey(dir) && !stack.disabledServices().contains(dir)) {
                throw new DumpException(request.dumpsDir().resolve(dir) + " names no service of the compose file; "
                        + "rename it to one of: " + String.join(", ", stack.services().keySet()));
            }
            Service service = stack.services().get(dir);
            if (service != null && !DumpFiles.of(request.dumpsDir(), dir).isEmpty()
                    && DumpDialects.detect(service, service.imageFor(stack.project())).isEmpty()) {
                throw new DumpException(request.dumpsDir().resolve(dir) + " holds dumps, but devstack cannot tell "
                        + "which database service " + dir + " runs; use a mariadb, mysql or postgres image, or "
                        + "move the dumps to the database's service");
            }
        }
    }

    private void checkWaits(Stack stack, UpRequest request) {
        for (String service : request.waits().keySet()) {
            if (!stack.services().containsKey(service)) {
                throw new WaitConfigException("<waits> names service \"" + service + "\", which the compose file does "
                        + "not define (or a profile disables); known services: "
                        + String.join(", ", stack.services().keySet()));
            }
        }
    }

    /** A port on 127.0.0.1 of a remote engine's machine is out of this build's reach. */
    private void warnLoopbackPorts(Stack stack, String remoteHost) {
        for (Service service : stack.services().values()) {
            for (PortMapping port : service.ports()) {
                if (port.hostIp() != null && port.hostIp().startsWith("127.")) {
                    progress.warn(service.name() + " publishes " + port.hostIp() + ":" + (port.hostPort() == null ? ""
                            : port.hostPort()) + ":" + port.containerPort() + " on 127.0.0.1 of " + remoteHost
                            + ", the engine's machine, which this build cannot reach: publish it on all addresses "
                            + "(\"0.0.0.0::" + port.containerPort() + "\" under services." + service.name()
                            + ".ports in compose.override.yaml) or reach it through an ssh tunnel (ssh -L)");
                }
            }
        }
    }
}
