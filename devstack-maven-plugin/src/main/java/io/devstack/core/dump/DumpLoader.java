package io.devstack.core.dump;

import io.devstack.core.Durations;
import io.devstack.core.Hashes;
import io.devstack.core.Progress;
import io.devstack.core.Setting;
import io.devstack.core.engine.Engine;
import io.devstack.core.engine.ExecResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loads a service's dumps through the database's own client inside its container, once. Markers in the data
 * directory record progress: {@code .loading} before the client starts, {@code .loaded} (with the dump's digest)
 * only after it succeeded, {@code .failed} (digest and error) when it failed. A {@code .loading} left behind by a
 * first load means it was interrupted: that database is dropped and loaded again. Data loaded before is never lost
 * to a reload: {@link ReloadGuard} keeps a copy and puts it back when the new dump fails or the reload is cut short.
 * A database loaded from an older dump is left alone unless {@code reload} is set.
 */
public final class DumpLoader {
    private static final String COPY_DIR = "/tmp/devstack-dumps";

    private final Engine engine;
    private final Progress progress;
    private final Path projectDir;

    public DumpLoader(Engine engine, Progress progress, Path projectDir) {
        this.engine = engine;
        this.progress = progress;
        this.projectDir = projectDir;
    }

    /** How many dumps were loaded now, and whether a database was dropped for it (its provisioning is gone too). */
    public record LoadResult(int loaded, boolean dropped) {
    }

    private enum Outcome { SKIPPED, LOADED, RELOADED }

    public LoadResult load(LoadTarget target, List<DumpFile> dumps, boolean reload) {
        int loaded = 0;
        boolean dropped = false;
        for (DumpFile dump : dumps) {
            Outcome outcome = loadOne(target, dump, reload, false);
            loaded += outcome == Outcome.SKIPPED ? 0 : 1;
            dropped |= outcome == Outcome.RELOADED;
        }
        return new LoadResult(loaded, dropped);
    }

    /** Drops and loads every dump again, whatever the markers say (reset without a snapshot); guarded as up's reload. */
    public void reloadAll(LoadTarget target, List<DumpFile> dumps) {
        for (DumpFile dump : dumps) {
            loadOne(target, dump, true, true);
        }
    }

    /** Counts a dump as half loaded again, so the next up drops and reloads it (a step after the load failed). */
    public void markUnfinished(LoadTarget target, DumpFile dump) {
        String marker = marker(target, dump);
        run(target, "rm -f '" + marker + ".loaded' && touch '" + marker + ".loading'", shown(dump.path()),
                "marking the load unfinished");
    }

    /** What the markers say about {@code dump} in its database. */
    public DumpState state(LoadTarget target, DumpFile dump) {
        Markers markers = markers(target, dump);
        String digest = Hashes.sha256(dump.path());
        if (digest.equals(markers.failedDigest())) {
            return new DumpState(DumpState.Kind.FAILED, markers.failure() + (markers.loading() ? ""
                    : " (the data from before is kept)"));
        }
        if (markers.loading()) {
            return new DumpState(DumpState.Kind.UNFINISHED, null);
        }
        if (markers.loadedDigest().isEmpty()) {
            return new DumpState(DumpState.Kind.NOT_LOADED, null);
        }
        return new DumpState(markers.loadedDigest().equals(digest) ? DumpState.Kind.LOADED : DumpState.Kind.CHANGED,
                null);
    }

    private Outcome loadOne(LoadTarget target, DumpFile dump, boolean reload, boolean force) {
        String shown = shown(dump.path());
        String digest = Hashes.sha256(dump.path());
        ReloadGuard guard = new ReloadGuard(engine, progress, target);
        Markers markers = recoverInterruptedReload(target, dump, guard, shown);
        String database = dump.database();
        if (!force && !markers.loading() && markers.loadedDigest().equals(digest)) {
            progress.info("dump " + shown + " already loaded into " + database + " — skipped");
            return Outcome.SKIPPED;
        }
        boolean hasData = !markers.loading() && !markers.loadedDigest().isEmpty();
        if (!force && hasData && !reload) {
            progress.warn(digest.equals(markers.failedDigest())
                    ? shown + " is not loaded: its last load failed (" + markers.failure() + "); " + database
                    + " keeps the data from before. Fix the dump, then run with " + Setting.RELOAD.ref("true") + "."
                    : shown + " changed since it was loaded into " + database + "; keeping your data. Run with "
                    + Setting.RELOAD.ref("true") + " to drop " + database + " and load the new dump.");
            return Outcome.SKIPPED;
        }
        String dataVolume = hasData ? guard.dataVolume(shown) : null; // refused here, before anything changed
        if (hasData) {
            guard.backUp(dataVolume);
        }
        if (markers.loading()) {
            progress.warn("an earlier load of " + shown + " into " + database
                    + " did not finish; dropping the database and loading it again");
        }
        boolean drop = markers.loading() || hasData;
        ExecResult result = drop(target, dump, shown, drop);
        if (!result.succeeded()) {
            DumpException failure = failure(shown, dump, target.dialect(), result, hasData);
            if (hasData) {
                restore(guard, dataVolume, shown);
            }
            recordFailure(target, dump, digest, failure.getMessage());
            throw failure;
        }
        run(target, "printf '%s' '" + digest + "' > '" + marker(target, dump) + ".loaded' && rm -f '"
                + marker(target, dump) + ".loading' '" + marker(target, dump) + ".failed'", shown, "recording the load");
        if (hasData) {
            guard.discard();
        }
        return drop ? Outcome.RELOADED : Outcome.LOADED;
    }

    /** Marks the load start, drops the database when asked, creates it and streams the dump into the client. */
    private ExecResult drop(LoadTarget target, DumpFile dump, String shown, boolean drop) {
        DumpDialect dialect = target.dialect();
        String marker = marker(target, dump);
        run(target, "mkdir -p " + COPY_DIR + " && touch '" + marker + ".loading' && rm -f '" + marker + ".loaded'",
                shown, "marking the load start");
        if (drop) {
            run(target, dialect.dropDatabase(target.service(), dump.database()), shown, "dropping " + dump.database());
        }
        run(target, dialect.createDatabase(target.service(), dump.database()), shown, "creating " + dump.database());
        long size = size(dump.path());
        long start = System.nanoTime();
        Map<String, String> env = dialect.clientEnv(target.service());
        // streamed into the client's stdin as it reads: no copy first, so the load runs at the client's speed
        ExecResult result = engine.execWithInput(target.containerId(),
                DumpDialect.shell(dialect.loadFromStdin(target.service(), dump.database(), dump.gzipped())), env,
                dump.path(), new LoadProgress(progress, shown, size, start));
        if (result.succeeded()) {
            double seconds = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
            progress.info(String.format(Locale.ROOT, "loaded %s into %s: %s in %s (%s/s)", shown, dump.database(),
                    Durations.bytes(size), Durations.since(start), Durations.bytes((long) (size / seconds))));
        }
        return result;
    }

    /** A reload cut short left its load marker and the copy of the data from before: put that copy back. */
    private Markers recoverInterruptedReload(LoadTarget target, DumpFile dump, ReloadGuard guard, String shown) {
        Markers markers = markers(target, dump);
        if (!guard.hasBackup()) {
            return markers;
        }
        if (markers.loading()) {
            if (guard.restore(guard.dataVolume(shown))) {
                progress.warn("an earlier reload of " + shown + " into " + dump.database() + " did not finish; "
                        + "put back the data " + dump.database() + " held before it");
                markers = markers(target, dump);
            }
        }
        guard.discard(); // without a load marker, the reload it was taken for finished or never started
        return markers;
    }

    private void restore(ReloadGuard guard, String dataVolume, String shown) {
        try {
            guard.restore(dataVolume);
            guard.discard();
        } catch (RuntimeException e) {
            throw new DumpException(shown + " failed to load, and putting back the data from before failed too ("
                    + e.getMessage() + "); that data is in volume " + guard.backupVolume() + ", which devstack keeps");
        }
    }

    private void recordFailure(LoadTarget target, DumpFile dump, String digest, String message) {
        // what failed and where, without the advice that follows the dash
        String firstLine = message.lines().findFirst().orElse("").split(" — ", 2)[0].replace("'", "");
        String line = firstLine.length() > 300 ? firstLine.substring(0, 300) + "…" : firstLine;
        engine.exec(target.containerId(), DumpDialect.shell("printf '%s\\n%s' '" + digest + "' '" + line + "' > '"
                + marker(target, dump) + ".failed'"), Map.of());
    }

    private record Markers(String loadedDigest, boolean loading, String failedDigest, String failure) {
    }

    private Markers markers(LoadTarget target, DumpFile dump) {
        String marker = marker(target, dump);
        ExecResult state = engine.exec(target.containerId(), DumpDialect.shell("cat '" + marker + ".loaded' 2>/dev/null;"
                + " echo; [ -e '" + marker + ".loading' ] && echo loading || echo -; cat '" + marker + ".failed' "
                + "2>/dev/null || true"), Map.of());
        String[] lines = state.stdout().split("\n", 4);
        return new Markers(lines[0].strip(), lines.length > 1 && lines[1].strip().equals("loading"),
                lines.length > 2 ? lines[2].strip() : "", lines.length > 3 ? lines[3].strip() : "");
    }

    private static String marker(LoadTarget target, DumpFile dump) {
        return target.dialect().dataDir(target.service()) + "/.devstack-dump." + dump.database();
    }

    private DumpException failure(String shown, DumpFile dump, DumpDialect dialect, ExecResult result,
                                  boolean restoring) {
        String after = restoring ? " — the reload failed, so " + dump.database() + " is put back as it was before it "
                + "(your data is kept) and the dump counts as not loaded; fix the dump and run with "
                + Setting.RELOAD.ref("true") + " again"
                : " — fix the dump and run devstack:up again; database " + dump.database()
                + " was not marked loaded, so the next up drops and reloads it";
        String stderr = result.stderr().strip();
        var at = dialect.error(stderr);
        if (at.isPresent()) {
            return new DumpException(shown + " line " + at.get().line() + ": " + at.get().message() + after);
        }
        String tail = stderr.lines().reduce((a, b) -> b).orElse("exit code " + result.exitCode());
        return new DumpException(shown + ": loading into " + dump.database() + " failed (" + tail + ")" + after);
    }

    private void run(LoadTarget target, String script, String shown, String what) {
        ExecResult result = engine.exec(target.containerId(), DumpDialect.shell(script),
                target.dialect().clientEnv(target.service()));
        if (!result.succeeded()) {
            String tail = result.stderr().strip().lines().reduce((a, b) -> b).orElse("exit code " + result.exitCode());
            throw new DumpException(shown + ": " + what + " failed: " + tail);
        }
    }

    private String shown(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(projectDir) ? projectDir.relativize(abs).toString() : abs.toString();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
