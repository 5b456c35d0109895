package io.devstack.core.dump;

import io.devstack.core.Durations;
import io.devstack.core.Progress;
import io.devstack.core.compose.ComposeReader;
import io.devstack.core.engine.ContainerInfo;
import io.devstack.core.engine.ContainerSpec;
import io.devstack.core.engine.Engine;
import io.devstack.core.engine.ExecResult;
import io.devstack.core.ready.Conditions;
import io.devstack.core.ready.Published;
import io.devstack.core.ready.Readiness;
import io.devstack.core.stack.Mount;
import io.devstack.core.stack.PortMapping;
import io.devstack.core.stack.Service;
import io.devstack.core.stack.Stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code devstack:dump}: for each dump, a throwaway container of the service's image (data on tmpfs, only a
 * 127.0.0.1 port, removed afterwards) gets the committed dump (unless from scratch), the migrations run against it,
 * and the database's own dump tool writes the schema plus the rows of the data tables. The output is normalised so
 * the same schema always gives the same bytes, gets a header with the migration sources' digest, and is written
 * atomically — or, in check mode, only compared.
 */
public final class DumpRefresh {
    private static final String OUT = "/tmp/devstack-dump.sql";
    private final Engine engine;
    private final Progress progress;

    public DumpRefresh(Engine engine, Progress progress) {
        this.engine = engine;
        this.progress = progress;
    }

    public void run(DumpRefreshRequest request) {
        Stack stack = new ComposeReader(progress::warn).read(request.compose());
        engine.info();
        MigrationSources.Digest digest = MigrationSources.of(stack.workingDir(), request.migrationGlobs());
        List<String> drifted = new ArrayList<>();
        // PostgreSQL folds unquoted names and MariaDB matches LIKE case-insensitively: one entry per table
        List<String> dataTables = new ArrayList<>();
        request.dataTables().stream().filter(t -> dataTables.stream().noneMatch(t::equalsIgnoreCase))
                .forEach(dataTables::add);
        for (String table : dataTables) {
            if (!table.matches("[A-Za-z0-9_$.]+")) {
                throw new DumpException("data table \"" + table + "\" is not a plain table name; fix <dataTables>");
            }
        }
        for (DumpFile target : targets(stack, request)) {
            long start = System.nanoTime();
            Service service = stack.services().get(target.service());
            DumpDialect dialect = DumpDialects.detect(service, service.imageFor(stack.project())).orElseThrow(() ->
                    new DumpException("service " + service.name() + " runs no database devstack knows (mariadb, mysql, "
                            + "postgres); cannot dump " + target.path()));
            String dump = request.live() ? dumpLive(stack, service, dialect, target, dataTables)
                    : dumpThrowaway(stack, service, dialect, target, request, dataTables);
            String text = DumpHeader.format(dialect.name(), target.database(), digest) + dialect.normalize(dump);
            String shown = request.dumpsDir().getParent() == null ? target.path().toString()
                    : stack.workingDir().relativize(target.path().toAbsolutePath()).toString();
            String committed = read(target.path());
            if (request.check()) {
                if (!text.equals(committed)) {
                    drifted.add(shown + " differs from what the migrations produce:\n  "
                            + String.join("\n  ", UnifiedDiff.of(shown + " (committed)", committed == null ? "" : committed,
                            shown + " (migrated)", text, 30)));
                } else {
                    progress.info(shown + " matches the migrations (" + Durations.since(start) + ")");
                }
            } else if (text.equals(committed)) {
                progress.info(shown + " is unchanged (" + Durations.since(start) + ")");
            } else {
                writeAtomically(target.path(), text);
                progress.info("wrote " + shown + " (" + Durations.bytes(text.length()) + ", " + Durations.since(start)
                        + ")");
            }
        }
        if (!drifted.isEmpty()) {
            throw new DumpDriftException(String.join("\n", drifted)
                    + "\nrun mvn devstack:dump and commit the result");
        }
    }

    private List<DumpFile> targets(Stack stack, DumpRefreshRequest request) {
        List<DumpFile> targets = new ArrayList<>();
        if (request.targets().isEmpty()) {
            for (String service : stack.services().keySet()) {
                targets.addAll(DumpFiles.of(request.dumpsDir(), service).stream().filter(d -> !d.gzipped()).toList());
            }
            if (targets.isEmpty()) {
                throw new DumpException("no dumps to refresh under " + request.dumpsDir() + "; name one with "
                        + "-Ddevstack.dump.databases=<service>/<database>");
            }
            return targets;
        }
        for (String spec : request.targets()) {
            String[] parts = spec.split("/", 2);
            if (parts.length != 2 || !stack.services().containsKey(parts[0])) {
                throw new DumpException("dump target \"" + spec + "\" must be <service>/<database> with a service of "
                        + "the compose file (" + String.join(", ", stack.services().keySet()) + ")");
            }
            targets.add(new DumpFile(parts[0], parts[1], request.dumpsDir().resolve(parts[0]).resolve(parts[1] + ".sql"),
                    false));
        }
        return targets;
    }

    private String dumpLive(Stack stack, Service service, DumpDialect dialect, DumpFile target,
                            List<String> dataTables) {
        ContainerInfo running = io.devstack.core.engine.Containers.running(engine, stack.project(), service.name())
                .orElseThrow(() -> new DumpException("service " + service.name() + " is not running; start it with "
                        + "mvn devstack:up or drop -Ddevstack.dump.live"));
        return dumpFrom(running.id(), service, dialect, target, dataTables);
    }

    private String dumpThrowaway(Stack stack, Service service, DumpDialect dialect, DumpFile target,
                                 DumpRefreshRequest request, List<String> dataTables) {
        String id = engine.create(throwawaySpec(stack, service, dialect));
        Thread cleanup = new Thread(() -> engine.remove(id), "devstack-dump-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            engine.start(id);
            ContainerInfo info = engine.inspect(id);
            var ready = info.health() != null ? Conditions.healthy()
                    : Conditions.exec(dialect.port() == 3306 ? "mariadb-admin --protocol=tcp -h 127.0.0.1 ping"
                    : "pg_isready -h 127.0.0.1");
            info = new Readiness(engine, () -> false).await(service.name() + " (throwaway)", id, List.of(ready),
                    request.readyTimeout());
            if (!request.fromScratch() && Files.isRegularFile(target.path())) {
                new DumpLoader(engine, progress, stack.workingDir()).load(id, service, dialect, List.of(target), true);
            } else {
                run(id, dialect.clientEnv(service), dialect.createDatabase(service, target.database()), "creating "
                        + target.database());
            }
            Map<String, String> connection = Migrations.connection(dialect, service, target.database(),
                    Published.hostPort(info, dialect.port()));
            if (request.migration() != Migration.NONE) {
                long start = System.nanoTime();
                request.migration().migrate(connection, id);
                progress.info("migrations ran against a throwaway " + service.name() + " in "
                        + Durations.since(start));
            }
            return dumpFrom(id, service, dialect, target, dataTables);
        } finally {
            engine.remove(id);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook removes it
            }
        }
    }

    private ContainerSpec throwawaySpec(Stack stack, Service service, DumpDialect dialect) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("io.devstack.project", stack.project());
        labels.put("io.devstack.role", "dump");
        List<Mount> mounts = List.of(new Mount(Mount.Type.TMPFS, null, dialect.dataDir(service), false),
                new Mount(Mount.Type.BIND, stack.workingDir().toString(), "/project", true));
        Map<String, List<String>> networks = new LinkedHashMap<>();
        networks.put("bridge", List.of());
        return new ContainerSpec(stack.project() + "-" + service.name() + "-dump-" + UUID.randomUUID().toString()
                .substring(0, 8), service.imageFor(stack.project()), service.command(), service.entrypoint(),
                service.environment(), labels, List.of(new PortMapping(PortMapping.DEFAULT_HOST_IP, null, dialect.port(),
                "tcp")), List.of(), mounts, networks, service.healthcheck(), service.options());
    }

    private String dumpFrom(String container, Service service, DumpDialect dialect, DumpFile target,
                            List<String> dataTables) {
        run(container, dialect.clientEnv(service), dialect.dump(service, target.database(), dataTables, OUT),
                "dumping " + target.database());
        try {
            Path local = Files.createTempFile("devstack-dump", ".sql");
            try {
                engine.copyFileFrom(container, OUT, local);
                return Files.readString(local, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(local);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void run(String container, Map<String, String> env, String script, String what) {
        ExecResult result = engine.exec(container, DumpDialect.shell(script), env);
        if (!result.succeeded()) {
            String tail = result.stderr().strip().lines().reduce((a, b) -> b).orElse("exit code " + result.exitCode());
            throw new DumpException(what + " failed: " + tail);
        }
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Temp file beside the target, then rename: an interrupted run never leaves a truncated dump. */
    static void writeAtomically(Path target, String text) {
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
