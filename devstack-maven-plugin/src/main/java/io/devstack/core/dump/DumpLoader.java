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

    /** The dumps loaded now, and whether a database was dropped for it (its provisioning is gone too). */
    public record LoadResult(List<DumpFile> loadedNow, boolean dropped) {
        public static final LoadResult NOTHING = new LoadResult(List.of(), false);

        public int loaded() {
            return loadedNow.size();
        }
    }

    private enum Outcome { SKIPPED, LOADED, RELOADED }

    public LoadResult load(LoadTarget target, List<DumpFile> dumps, boolean reload) {
        recoverInterruptedReload(target);
        List<DumpFile> loaded = new java.util.ArrayList<>();
        boolean dropped = false;
        for (DumpFile dump : dumps) {
            Outcome outcome = loadOne(target, dump, reload, false);
            if (outcome != Outcome.SKIPPED) {
                loaded.add(dump);
            }
            dropped |= outcome == Outcome.RELOADED;
        }
        return new LoadResult(List.copyOf(loaded), dropped);
    }

    /** Drops and loads every dump again, whatever the markers say (reset without a snapshot); guarded as up's reload. */
    public void reloadAll(LoadTarget target, List<DumpFile> dumps) {
        recoverInterruptedReload(target);
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
        Markers markers = markers(target, dump);
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
        boolean drop = force || markers.loading() || hasData;
        try {
            ExecResult result = drop(target, dump, shown, drop);
            if (!result.succeeded()) {
                throw failure(shown, dump, target.dialect(), result, hasData);
            }
            run(target, "printf '%s' '" + digest + "' > '" + marker(target, dump) + ".loaded' && rm -f '"
                    + marker(target, dump) + ".loading' '" + marker(target, dump) + ".failed'", shown,
                    "recording the load");
        } catch (RuntimeException e) {
            // whatever failed after the copy was taken (the client, the engine, a marker), the data goes back
            if (hasData) {
                restore(guard, dataVolume, shown, e);
            }
            recordFailure(target, dump, digest, e.getMessage());
            throw e;
        }
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
            // what the provision scripts made lives in the database: they must run again, even if up fails later
            run(target, "rm -f '" + dialect.dataDir(target.service()) + "'/.devstack-provision.*", shown,
                    "forgetting the provisioning of the dropped database");
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

    /**
     * A reload cut short (Ctrl-C, a killed build, a crash while the copy was being put back) left the copy of the data
     * from before: put it back, whichever of the service's databases it was taken for. A copy with no reload in flight
     * (its reload finished, or never began) is removed.
     */
    private void recoverInterruptedReload(LoadTarget target) {
        ReloadGuard guard = new ReloadGuard(engine, progress, target);
        if (!guard.hasBackup()) {
            return;
        }
        String dataDir = target.dialect().dataDir(target.service());
        ExecResult inFlight = engine.exec(target.containerId(), DumpDialect.shell("ls -A '" + dataDir + "' | grep -E "
                + "'^\\.devstack-(dump\\..*\\.loading|restoring)$' || true"), Map.of());
        if (inFlight.stdout().isBlank()) {
            guard.discard();
            return;
        }
        String shown = "the data of " + target.service().name();
        if (!guard.restore(guard.dataVolume(shown))) {
            throw new DumpException("an earlier reload of " + target.service().name() + " did not finish, and the copy "
                    + "of its data from before it is incomplete, so devstack cannot put it back; the copy is kept in "
                    + "volume " + guard.backupVolume() + " for you to inspect");
        }
        guard.discard();
        progress.warn("an earlier reload of " + target.service().name() + " did not finish; put back the data it "
                + "held before it");
    }

    private void restore(ReloadGuard guard, String dataVolume, String shown, RuntimeException failure) {
        boolean restored;
        try {
            restored = guard.restore(dataVolume);
        } catch (RuntimeException e) {
            throw new DumpException(shown + " failed to load (" + failure.getMessage().lines().findFirst().orElse("")
                    + "), and putting back the data from before failed too (" + e.getMessage() + "); that data is in "
                    + "volume " + guard.backupVolume() + ", which devstack keeps: run devstack:up again to retry");
        }
        if (!restored) {
            throw new DumpException(shown + " failed to load, and the copy of the data from before is gone or "
                    + "incomplete (volume " + guard.backupVolume() + "), so it could not be put back");
        }
        guard.discard();
    }

    private void recordFailure(LoadTarget target, DumpFile dump, String digest, String message) {
        // what failed and where, without the advice that follows the dash
        String firstLine = message.lines().findFirst().orElse("").split(" — ", 2)[0];
        String line = firstLine.length() > 300 ? firstLine.substring(0, 300) + "…" : firstLine;
        engine.exec(target.containerId(), DumpDialect.shell("printf '%s\\n%s' '" + digest + "' "
                + DumpDialect.quote(line) + " > '" + marker(target, dump) + ".failed'"), Map.of());
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

    /** Relative to the project, also for a sibling checkout (a linked stack, a workspace module); else absolute. */
    private String shown(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path parent = projectDir.getParent();
        return abs.startsWith(projectDir) || (parent != null && abs.startsWith(parent))
                ? projectDir.relativize(abs).toString() : abs.toString();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
