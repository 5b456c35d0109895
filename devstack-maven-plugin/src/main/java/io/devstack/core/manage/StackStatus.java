package io.devstack.core.manage;

import io.devstack.core.Progress;
import io.devstack.core.Table;
import io.devstack.core.compose.ComposeReader;
import io.devstack.core.compose.ComposeRequest;
import io.devstack.core.engine.ContainerInfo;
import io.devstack.core.dump.DumpDialects;
import io.devstack.core.dump.DumpFile;
import io.devstack.core.dump.DumpFiles;
import io.devstack.core.dump.DumpHeader;
import io.devstack.core.dump.DumpLoader;
import io.devstack.core.dump.LoadTarget;
import io.devstack.core.dump.MigrationSources;
import io.devstack.core.engine.Engine;
import io.devstack.core.engine.EngineInfo;
import io.devstack.core.project.Labels;
import io.devstack.core.stack.Service;
import io.devstack.core.stack.Stack;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code devstack:status}: one row per service of the compose file, and per orphan container of the project. */
public final class StackStatus {
    private final Engine engine;
    private final Progress progress;

    public StackStatus(Engine engine, Progress progress) {
        this.engine = engine;
        this.progress = progress;
    }

    /** The services table, then (when there are dumps) one row per dump: loaded, stale, changed, failed, ... */
    public List<String> run(ComposeRequest request, Path dumpsDir, List<String> migrationGlobs) {
        return run(request, dumpsDir, migrationGlobs, List.of());
    }

    /** The same for some services only (none named: all). */
    public List<String> run(ComposeRequest request, Path dumpsDir, List<String> migrationGlobs, List<String> only) {
        Stack full = new ComposeReader(progress::warn).read(request);
        Stack stack = full.only(only);
        EngineInfo engineInfo = engine.info();
        List<ContainerInfo> containers = engine.containers(Labels.filter(stack.project(), null));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"SERVICE", "STATE", "HEALTH", "PORTS", "IMAGE", "UPTIME"});
        for (String service : stack.services().keySet()) {
            List<ContainerInfo> mine = containers.stream()
                    .filter(c -> service.equals(c.labels().get(Labels.SERVICE))).toList();
            if (mine.isEmpty()) {
                rows.add(new String[] {service, "not created", "-", "-", stack.services().get(service)
                        .imageFor(stack.project()), "-"});
            }
            mine.forEach(c -> rows.add(row(service, c)));
        }
        containers.stream().filter(c -> !full.services().containsKey(c.labels().get(Labels.SERVICE)))
                .forEach(c -> rows.add(row(c.labels().get(Labels.SERVICE) + " (not in compose file)", c)));
        List<String> lines = new ArrayList<>(Table.format(rows));
        List<String[]> dumpRows = dumpRows(stack, containers, dumpsDir, migrationGlobs);
        if (dumpRows.size() > 1) {
            lines.add("");
            lines.addAll(Table.format(dumpRows));
        }
        lines.addAll(stackSources(stack));
        lines.add("");
        lines.add(engineInfo.describe());
        return lines;
    }

    /** Where each included stack comes from: {@code catalog: ../catalog (linked)} or its coordinates. */
    private static List<String> stackSources(Stack stack) {
        java.util.Map<String, String> sources = new java.util.TreeMap<>();
        stack.origins().values().forEach(o -> sources.put(o.alias(), o.source()));
        List<String> lines = new ArrayList<>();
        if (!sources.isEmpty()) {
            lines.add("");
            lines.add("stacks:");
            sources.forEach((alias, source) -> lines.add("  " + alias + ": " + source));
        }
        return lines;
    }

    private List<String[]> dumpRows(Stack stack, List<ContainerInfo> containers, Path dumpsDir,
                                    List<String> migrationGlobs) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"DUMP", "DATABASE", "STATE"});
        MigrationSources.Current now = new MigrationSources.Current(stack, migrationGlobs);
        for (Service service : stack.services().values()) {
            List<DumpFile> dumps = DumpFiles.of(stack.dumpsDir(service.name(), dumpsDir),
                    stack.sourceName(service.name()));
            var dialect = DumpDialects.detect(service, service.imageFor(stack.project()));
            if (dumps.isEmpty() || dialect.isEmpty()) {
                continue;
            }
            var running = containers.stream().filter(c -> service.name().equals(c.labels().get(Labels.SERVICE))
                    && c.running()).findFirst();
            DumpLoader loader = new DumpLoader(engine, progress, stack.workingDir());
            for (DumpFile dump : dumps) {
                String state = "unknown: " + service.name() + " is not running";
                if (running.isPresent()) {
                    state = loader.state(new LoadTarget(stack.project(), service, service.imageFor(stack.project()),
                            running.get().id(), dialect.get(), null), dump).describe();
                }
                var made = DumpHeader.read(dump.path());
                var current = made.isEmpty() ? java.util.Optional.<MigrationSources.Digest>empty()
                        : now.of(service.name());
                if (current.isPresent() && !made.get().sha256().equals(current.get().sha256())) {
                    state += "; stale (" + made.get().changedFiles(current.get()) + " migration file(s) changed "
                            + "since it was made)";
                }
                rows.add(new String[] {stack.workingDir().relativize(dump.path().toAbsolutePath()).toString(),
                        service.name() + "/" + dump.database(), state});
            }
        }
        return rows;
    }

    private static String[] row(String service, ContainerInfo c) {
        String ports = c.ports().isEmpty() ? "-" : String.join(", ", c.ports().stream().map(Object::toString).toList());
        String uptime = c.running() && c.startedAt() != null ? uptime(Duration.between(c.startedAt(), Instant.now()))
                : "-";
        String state = c.state() + ("exited".equals(c.state()) ? " (" + c.exitCode() + ")" : "");
        return new String[] {service, state, c.health() == null ? "-" : c.health(), ports, c.image(), uptime};
    }

    static String uptime(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + String.format("%02d", s % 60) + "s";
        }
        if (s < 86400) {
            return (s / 3600) + "h" + String.format("%02d", (s % 3600) / 60) + "m";
        }
        return (s / 86400) + "d" + String.format("%02d", (s % 86400) / 3600) + "h";
    }
}
