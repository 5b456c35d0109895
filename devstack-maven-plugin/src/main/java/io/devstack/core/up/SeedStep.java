package io.devstack.core.up;

import io.devstack.core.Progress;
import io.devstack.core.Setting;
import io.devstack.core.dump.DumpDialect;
import io.devstack.core.dump.DumpDialects;
import io.devstack.core.dump.DumpException;
import io.devstack.core.dump.DumpFile;
import io.devstack.core.dump.DumpFiles;
import io.devstack.core.dump.DumpHeader;
import io.devstack.core.dump.DumpLoader;
import io.devstack.core.dump.LoadTarget;
import io.devstack.core.dump.MigrationSources;
import io.devstack.core.engine.Engine;
import io.devstack.core.reset.Snapshots;
import io.devstack.core.reset.StackReset;
import io.devstack.core.stack.Service;
import io.devstack.core.stack.Stack;

import java.util.ArrayList;
import java.util.List;

/**
 * Step three of a service: load the dumps it has not loaded yet, migrate a stale one when asked, and keep a
 * snapshot of the freshly loaded data for {@code devstack:reset}.
 */
final class SeedStep {
    private final Engine engine;
    private final Progress progress;
    private final UpSession session;

    SeedStep(Engine engine, Progress progress, UpSession session) {
        this.engine = engine;
        this.progress = progress;
        this.session = session;
    }

    DumpLoader.LoadResult run(Service service, String containerId) {
        Stack stack = session.stack;
        UpRequest request = session.request;
        List<DumpFile> dumps = DumpFiles.of(stack.dumpsDir(service.name(), request.dumpsDir()),
                stack.sourceName(service.name()));
        if (dumps.isEmpty()) {
            return DumpLoader.LoadResult.NOTHING;
        }
        DumpDialect dialect = DumpDialects.detect(service, service.imageFor(stack.project())).orElseThrow(() ->
                new DumpException(request.dumpsDir().resolve(service.name()) + " holds dumps, but devstack cannot "
                        + "tell which database service " + service.name() + " runs; use a mariadb, mysql or "
                        + "postgres image"));
        List<DumpFile> stale = staleDumps(service, dumps);
        LoadTarget target = new LoadTarget(stack.project(), service, service.imageFor(stack.project()), containerId,
                dialect, request.readyTimeout());
        DumpLoader.LoadResult result = new DumpLoader(engine, progress, stack.workingDir())
                .load(target, dumps, request.reloadChangedDumps());
        // the project's migrations are its own: a linked stack's stale dump is refreshed in its checkout
        if (!stale.isEmpty() && request.migrateStale() != null && !stack.origins().containsKey(service.name())) {
            // only what was loaded now: a dump loaded earlier may hold the developer's own rows
            List<DumpFile> freshlyLoaded = stale.stream().filter(result.loadedNow()::contains).toList();
            migrateStale(target, freshlyLoaded.isEmpty() ? stale : freshlyLoaded, !freshlyLoaded.isEmpty());
        }
        if (result.loaded() > 0) {
            snapshot(service, containerId, dialect, dumps);
        }
        return result;
    }

    private void migrateStale(LoadTarget target, List<DumpFile> stale, boolean loadedNow) {
        if (loadedNow) {
            new StaleMigration(engine, progress, session.stack.workingDir()).run(target, stale,
                    session.request.migrateStale());
        } else {
            progress.info(Setting.MIGRATE_STALE.ref() + " migrates right after a load; " + target.service().name()
                    + "'s data was loaded before, so nothing ran (it runs on the next fresh load, e.g. after "
                    + "mvn devstack:down " + Setting.REMOVE_VOLUMES.ref("true") + ")");
        }
    }

    /** Freshly loaded data is kept aside so devstack:reset can bring it back in seconds. */
    private void snapshot(Service service, String containerId, DumpDialect dialect, List<DumpFile> dumps) {
        Stack stack = session.stack;
        var volume = Snapshots.dataVolume(stack, service, dialect);
        if (volume.isEmpty()) {
            progress.info("no snapshot for reset: " + service.name() + " keeps its data in no named volume at "
                    + dialect.dataDir(service));
            return;
        }
        var info = engine.inspect(containerId);
        new Snapshots(engine, progress).take(stack, service, containerId, volume.get(), Snapshots.digest(dumps),
                StackReset.readyCondition(info, dialect), session.request.readyTimeout());
    }

    /**
     * A dump made from other migration sources than its project has now says so, in one line (its project: this
     * one, or the checkout a stack is linked to; a stack's artifact has no sources to compare with).
     */
    private List<DumpFile> staleDumps(Service service, List<DumpFile> dumps) {
        List<DumpFile> stale = new ArrayList<>();
        MigrationSources.Current now = new MigrationSources.Current(session.stack, session.request.migrationSources());
        for (DumpFile dump : dumps) {
            var made = DumpHeader.read(dump.path());
            var current = made.isEmpty() ? java.util.Optional.<MigrationSources.Digest>empty() : now.of(service.name());
            if (current.isPresent() && !made.get().sha256().equals(current.get().sha256())) {
                progress.warn(session.stack.workingDir().relativize(dump.path()) + " is stale: "
                        + made.get().changedFiles(current.get()) + " migration file(s) changed since it was made; "
                        + "refresh it with mvn devstack:dump" + (session.stack.origins().containsKey(service.name())
                        ? " in " + session.stack.migrationsDir(service.name()).orElseThrow() : ""));
                stale.add(dump);
            }
        }
        return stale;
    }
}
