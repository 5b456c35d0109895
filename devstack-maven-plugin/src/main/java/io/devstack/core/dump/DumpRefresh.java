package io.devstack.core.dump;

import io.devstack.core.Durations;
import io.devstack.core.Progress;
import io.devstack.core.Setting;
import io.devstack.core.compose.ComposeReader;
import io.devstack.core.engine.ContainerInfo;
import io.devstack.core.engine.ContainerSpec;
import io.devstack.core.engine.Containers;
import io.devstack.core.engine.Engine;
import io.devstack.core.engine.ExecResult;
import io.devstack.core.ready.Conditions;
import io.devstack.core.ready.Published;
import io.devstack.core.ready.Readiness;
import io.devstack.core.stack.Mount;
import io.devstack.core.stack.PortMapping;
import io.devstack.core.stack.Service;
import io.devstack.core.stack.Stack;
import io.devstack.core.volume.HelperContainers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
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
        if (fromScratch(request) && !request.live()) {
            progress.info((request.migration().buildsWholeSchema() ? "the migrations build the whole schema (SQL "
                    + "scripts)" : "from scratch") + ": each dump is made from an empty database, not from the "
                    + "committed one");
        }
        MigrationSources.Digest digest = MigrationSources.of(stack.workingDir(), request.migrationGlobs());
        List<String> drifted = new ArrayList<>();
        DataTables.checkNames(request.dataTables(), "<dataTables>");
        DataTables.checkNames(request.schemaOnlyTables(), "<schemaOnlyTables>");
        for (DumpFile target : targets(stack, request)) {
            long start = System.nanoTime();
            Service service = stack.services().get(target.service());
            DumpDialect dialect = DumpDialects.detect(service, service.imageFor(stack.project())).orElseThrow(() ->
                    new DumpException("service " + service.name() + " runs no database devstack knows (mariadb, mysql, "
                            + "postgres); cannot dump " + target.path()));
            String shown = request.dumpsDir().getParent() == null ? target.path().toString()
                    : stack.workingDir().relativize(target.path().toAbsolutePath()).toString();
            String committed = read(target.path());
            Dumped dumped = request.live() ? dumpLive(stack, service, dialect, target, request, committed)
                    : dumpThrowaway(stack, service, dialect, target, request, committed);
            String text = DumpHeader.format(dialect.name(), target.database(), digest) + dialect.normalize(dumped.text());
            report(shown, dumped);
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
                return List.of(firstDump(stack, request));
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

    /**
     * No dump yet: the first one is of the only database the compose file names (the database service's
     * POSTGRES_DB, MARIADB_DATABASE, ...); with none or several, the user names it.
     */
    private DumpFile firstDump(Stack stack, DumpRefreshRequest request) {
        List<String> candidates = new ArrayList<>();
        for (Service service : stack.services().values()) {
            if (stack.origins().containsKey(service.name())) {
                continue; // an included stack's dumps are its provider's to make
            }
            DumpDialects.detect(service, service.imageFor(stack.project())).map(d -> d.defaultDatabase(service))
                    .ifPresent(db -> candidates.add(service.name() + "/" + db));
        }
        if (candidates.size() != 1) {
            throw new DumpException("no dumps to refresh under " + request.dumpsDir() + "; name one with "
                    + Setting.DUMP_DATABASES.ref("<service>/<database>") + (candidates.isEmpty() ? ""
                    : " (the compose file names " + String.join(", ", candidates) + ")"));
        }
        String[] parts = candidates.get(0).split("/", 2);
        progress.info("no dump yet: making the first, of " + candidates.get(0) + " (the one database the compose file "
                + "names)");
        return new DumpFile(parts[0], parts[1], request.dumpsDir().resolve(parts[0]).resolve(parts[1] + ".sql"), false);
    }

    /** The dump text, the tables and rows of the committed dump and of the migrated database, the data tables. */
    private record Dumped(String text, TableCensus before, TableCensus after, List<String> dataTables) {
    }

    private void report(String shown, Dumped dumped) {
        for (String table : DataTables.dropped(dumped.before(), dumped.after())) {
            progress.warn(shown + ": table " + table + " had " + dumped.before().rowsOf(table) + " row(s) in the "
                    + "committed dump and a migration dropped it; its rows are not in the new dump");
        }
        DumpChanges.describe(shown, dumped.before(), dumped.after(), dumped.dataTables()).forEach(progress::info);
    }

    private Dumped dumpLive(Stack stack, Service service, DumpDialect dialect, DumpFile target,
                            DumpRefreshRequest request, String committed) {
        ContainerInfo running = Containers.running(engine, stack.project(), service.name())
                .orElseThrow(() -> new DumpException("service " + service.name() + " is not running; start it with "
                        + "mvn devstack:up or drop " + Setting.DUMP_LIVE.ref()));
        return dumpFrom(running.id(), service, dialect, target, request, TableCensus.ofText(committed), false);
    }

    private Dumped dumpThrowaway(Stack stack, Service service, DumpDialect dialect, DumpFile target,
                                 DumpRefreshRequest request, String committed) {
        String id = engine.create(throwawaySpec(stack, service, dialect));
        Thread cleanup = new Thread(() -> {
            engine.remove(id);
            progress.warn("devstack:dump was interrupted: the throwaway " + service.name() + " was removed and "
                    + shownTarget(stack, target) + " was not written");
        }, "devstack-dump-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            engine.start(id);
            ContainerInfo info = engine.inspect(id);
            var ready = info.health() != null ? Conditions.healthy()
                    : Conditions.exec(dialect.port() == 3306 ? "mariadb-admin --protocol=tcp -h 127.0.0.1 ping"
                    : "pg_isready -h 127.0.0.1");
            info = new Readiness(engine, () -> false).await(service.name() + " (throwaway)", id, List.of(ready),
                    request.readyTimeout());
            TableCensus before;
            if (!fromScratch(request) && committed != null) {
                // a throwaway has nothing to guard: its own name keeps it away from the stack's backups
                new DumpLoader(engine, progress, stack.workingDir()).load(new LoadTarget(throwawayName(id), service,
                        service.imageFor(stack.project()), id, dialect, request.readyTimeout()), List.of(target), true);
                // what the committed dump holds, as loaded: rows that came in any form (extended INSERTs, COPY)
                before = census(id, service, dialect, target.database());
            } else {
                before = TableCensus.ofText(committed);
                run(id, dialect.clientEnv(service), dialect.createDatabase(service, target.database()), "creating "
                        + target.database());
            }
            Map<String, String> connection = Migrations.connection(dialect, service, target.database(),
                    Published.hostPort(info, dialect.port()));
            if (request.migration() != Migration.NONE) {
                long start = System.nanoTime();
                request.migration().migrate(new LoadTarget(throwawayName(id), service, service.imageFor(stack.project()),
                        id, dialect, request.readyTimeout()), connection);
                progress.info("migrations ran against a throwaway " + service.name() + " in "
                        + Durations.since(start));
            }
            return dumpFrom(id, service, dialect, target, request, before, true);
        } finally {
            engine.remove(id);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook removes it
            }
        }
    }

    private static String throwawayName(String containerId) {
        return "devstack-dump-" + containerId.substring(0, Math.min(12, containerId.length()));
    }

    /** Whole-schema migrations (SQL scripts, or {@code <fromScratch>}) build on an empty database, never on a dump. */
    private static boolean fromScratch(DumpRefreshRequest request) {
        return request.fromScratch() || request.migration().buildsWholeSchema();
    }

    private static String shownTarget(Stack stack, DumpFile target) {
        Path abs = target.path().toAbsolutePath();
        return abs.startsWith(stack.workingDir()) ? stack.workingDir().relativize(abs).toString() : abs.toString();
    }

    private ContainerSpec throwawaySpec(Stack stack, Service service, DumpDialect dialect) {
        Map<String, String> labels = HelperContainers.labels(stack.project(), "dump");
        List<Mount> mounts = List.of(new Mount(Mount.Type.TMPFS, null, dialect.dataDir(service), false),
                new Mount(Mount.Type.BIND, stack.workingDir().toString(), "/project", true));
        Map<String, List<String>> networks = new LinkedHashMap<>();
        networks.put("bridge", List.of());
        return new ContainerSpec(stack.project() + "-" + service.name() + "-dump-" + UUID.randomUUID().toString()
                .substring(0, 8), service.imageFor(stack.project()), service.command(), service.entrypoint(),
                service.environment(), labels, List.of(new PortMapping(PortMapping.DEFAULT_HOST_IP, null, dialect.port(),
                "tcp")), List.of(), mounts, networks, service.healthcheck(), service.options());
    }

    private Dumped dumpFrom(String container, Service service, DumpDialect dialect, DumpFile target,
                            DumpRefreshRequest request, TableCensus before, boolean throwaway) {
        TableCensus after = census(container, service, dialect, target.database());
        List<String> dataTables = DataTables.choose(before, after, request.dataTables(), request.schemaOnlyTables());
        List<String> filled = throwaway ? DataTables.filledByMigrations(before, after, dataTables) : List.of();
        if (!filled.isEmpty()) {
            progress.info(target.path().getFileName() + ": keeps the rows the migrations wrote into "
                    + String.join(", ", filled) + " (the history records those migrations as applied, so they would "
                    + "never write them again); list a table under <schemaOnlyTables> to keep only its schema");
        }
        String align = dialect.alignSequences(service, target.database());
        if (throwaway && align != null) {
            run(container, dialect.clientEnv(service), align, "setting the sequences of " + target.database());
        }
        run(container, dialect.clientEnv(service), dialect.dump(service, target.database(), dataTables, OUT),
                "dumping " + target.database());
        try {
            Path local = Files.createTempFile("devstack-dump", ".sql");
            try {
                engine.copyFileFrom(container, OUT, local);
                return new Dumped(Files.readString(local, StandardCharsets.UTF_8), before, after, dataTables);
            } finally {
                Files.deleteIfExists(local);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TableCensus census(String container, Service service, DumpDialect dialect, String database) {
        ExecResult result = engine.exec(container, DumpDialect.shell(dialect.census(service, database)),
                dialect.clientEnv(service));
        if (!result.succeeded()) {
            throw new DumpException("counting the rows of " + database + " failed: " + tail(result));
        }
        return TableCensus.parse(result.stdout());
    }

    private static String tail(ExecResult result) {
        return result.stderr().strip().lines().reduce((a, b) -> b).orElse("exit code " + result.exitCode());
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

    /**
     * Temp file beside the target, then rename: an interrupted run never leaves a truncated dump. The new file gets
     * the committed file's permissions (a temp file's 0600 would show up as a mode change in git), 0644 when new.
     */
    static void writeAtomically(Path target, String text) {
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                if (Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
                    Files.setPosixFilePermissions(tmp, Files.exists(target) ? Files.getPosixFilePermissions(target)
                            : PosixFilePermissions.fromString("rw-r--r--"));
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
