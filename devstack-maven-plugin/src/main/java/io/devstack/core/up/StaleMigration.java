package io.devstack.core.up;

import io.devstack.core.Durations;
import io.devstack.core.Progress;
import io.devstack.core.Setting;
import io.devstack.core.dump.DumpDialect;
import io.devstack.core.dump.DumpException;
import io.devstack.core.dump.DumpFile;
import io.devstack.core.dump.DumpLoader;
import io.devstack.core.dump.LoadTarget;
import io.devstack.core.dump.Migration;
import io.devstack.core.dump.Migrations;
import io.devstack.core.engine.Engine;
import io.devstack.core.ready.Published;
import io.devstack.core.stack.Service;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs the project's migrations against a database that was just loaded from a stale dump, so the stack starts
 * on the current schema until someone refreshes the dump. A Maven goal or script reaches the database through
 * its published port; a command runs inside the service's container.
 */
final class StaleMigration {
    private final Engine engine;
    private final Progress progress;
    private final Path workingDir;

    StaleMigration(Engine engine, Progress progress, Path workingDir) {
        this.engine = engine;
        this.progress = progress;
        this.workingDir = workingDir;
    }

    /** So the next up loads the dumps again and retries, instead of leaving them loaded but unmigrated. */
    private void unfinished(LoadTarget target, List<DumpFile> stale) {
        DumpLoader loader = new DumpLoader(engine, progress, workingDir);
        stale.forEach(dump -> loader.markUnfinished(target, dump));
    }

    void run(LoadTarget target, List<DumpFile> stale, Migration migration) {
        Service service = target.service();
        String containerId = target.containerId();
        DumpDialect dialect = target.dialect();
        var info = engine.inspect(containerId);
        Integer hostPort = Published.hostPort(info, dialect.port());
        if (hostPort == null && migration.runsOnHost()) {
            unfinished(target, stale);
            throw new DumpException("cannot migrate " + service.name() + " after loading the stale "
                    + workingDir.relativize(stale.get(0).path()) + ": service " + service.name() + " publishes no port "
                    + "for " + dialect.port() + ", so a Maven goal or script cannot reach it; publish one "
                    + "(ports: [\"127.0.0.1::" + dialect.port() + "\"], e.g. in compose.override.yaml) or use "
                    + Setting.MIGRATION_EXEC.refBoth() + ". The dump counts as not loaded: the next up loads it again");
        }
        for (DumpFile dump : stale) {
            long start = System.nanoTime();
            Map<String, String> connection = Migrations.connection(dialect, service, dump.database(), hostPort);
            String shown = workingDir.relativize(dump.path()).toString();
            try {
                migration.migrate(target, connection);
            } catch (DumpException e) {
                unfinished(target, stale);
                throw new DumpException("migrating " + service.name() + "/" + dump.database() + " after loading the "
                        + "stale " + shown + " failed (the dump counts as not loaded: the next up loads it again and "
                        + "migrates): " + e.getMessage());
            }
            progress.info("migrated " + service.name() + "/" + dump.database() + " to the current schema after "
                    + "loading the stale " + shown + " in " + Durations.since(start)
                    + " (mvn devstack:dump refreshes the dump)");
        }
    }
}
