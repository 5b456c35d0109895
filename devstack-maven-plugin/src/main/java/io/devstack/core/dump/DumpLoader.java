package io.devstack.core.dump;

import io.devstack.core.Durations;
import io.devstack.core.Progress;
import io.devstack.core.engine.Engine;
import io.devstack.core.engine.ExecResult;
import io.devstack.core.stack.Service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Loads a service's dumps through the database's own client inside its container, once. Markers in the data
 * directory record progress: {@code .loading} before the client starts, {@code .loaded} (with the dump's digest)
 * only after it succeeded. A {@code .loading} left behind means an interrupted load: that database is dropped and
 * loaded again. A database loaded from an older dump is left alone unless {@code reload} is set.
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

    /** Returns how many dumps were loaded now. */
    public int load(String containerId, Service service, DumpDialect dialect, List<DumpFile> dumps, boolean reload) {
        int loaded = 0;
        for (DumpFile dump : dumps) {
            if (loadOne(containerId, service, dialect, dump, reload)) {
                loaded++;
            }
        }
        return loaded;
    }

    /** Counts a dump as half loaded again, so the next up drops and reloads it (a step after the load failed). */
    public void markUnfinished(String containerId, Service service, DumpDialect dialect, DumpFile dump) {
        String marker = dialect.dataDir(service) + "/.devstack-dump." + dump.database();
        run(containerId, Map.of(), "rm -f '" + marker + ".loaded' && touch '" + marker + ".loading'",
                shown(dump.path()), "marking the load unfinished");
    }

    /** Drops and loads every dump again, whatever the markers say (reset without a snapshot). */
    public void reloadAll(String containerId, Service service, DumpDialect dialect, List<DumpFile> dumps) {
        for (DumpFile dump : dumps) {
            String marker = dialect.dataDir(service) + "/.devstack-dump." + dump.database();
            run(containerId, Map.of(), "rm -f '" + marker + ".loaded' && touch '" + marker + ".loading'",
                    shown(dump.path()), "marking the reload");
            loadOne(containerId, service, dialect, dump, true);
        }
    }

    private boolean loadOne(String containerId, Service service, DumpDialect dialect, DumpFile dump, boolean reload) {
        String shown = shown(dump.path());
        String digest = sha256(dump.path());
        Map<String, String> env = dialect.clientEnv(service);
        String marker = dialect.dataDir(service) + "/.devstack-dump." + dump.database();
        ExecResult state = engine.exec(containerId, DumpDialect.shell(
                "cat '" + marker + ".loaded' 2>/dev/null; echo; [ -e '" + marker + ".loading' ] && echo loading || true"),
                Map.of());
        String[] lines = state.stdout().split("\n", -1);
        String loadedDigest = lines[0].strip();
        boolean interrupted = state.stdout().contains("loading");

        if (!interrupted && loadedDigest.equals(digest)) {
            progress.info("dump " + shown + " already loaded into " + dump.database() + " — skipped");
            return false;
        }
        boolean drop = interrupted;
        if (!interrupted && !loadedDigest.isEmpty()) {
            if (!reload) {
                progress.warn(shown + " changed since it was loaded into " + dump.database() + "; keeping your data. "
                        + "Run with -Ddevstack.reload=true to drop " + dump.database() + " and load the new dump.");
                return false;
            }
            drop = true;
        }
        if (interrupted) {
            progress.warn("an earlier load of " + shown + " into " + dump.database()
                    + " did not finish; dropping the database and loading it again");
        }
        run(containerId, env, "mkdir -p " + COPY_DIR + " && touch '" + marker + ".loading' && rm -f '" + marker
                + ".loaded'", shown, "marking the load start");
        if (drop) {
            run(containerId, env, dialect.dropDatabase(service, dump.database()), shown, "dropping " + dump.database());
        }
        run(containerId, env, dialect.createDatabase(service, dump.database()), shown, "creating " + dump.database());

        long size = size(dump.path());
        long start = System.nanoTime();
        // streamed into the client's stdin as it reads: no copy first, so the load runs at the client's speed
        ExecResult result = engine.execWithInput(containerId,
                DumpDialect.shell(dialect.loadFromStdin(service, dump.database(), dump.gzipped())), env, dump.path(),
                new LoadProgress(progress, shown, size, start)).orElseGet(() -> {
                    String fileName = dump.database() + (dump.gzipped() ? ".sql.gz" : ".sql");
                    engine.copyFile(containerId, dump.path(), COPY_DIR, fileName);
                    return engine.exec(containerId,
                            DumpDialect.shell(dialect.load(service, dump.database(), COPY_DIR + "/" + fileName)), env);
                });
        if (!result.succeeded()) {
            throw failure(shown, dump, dialect, result);
        }
        run(containerId, env, "printf '%s' '" + digest + "' > '" + marker + ".loaded' && rm -f '" + marker + ".loading'",
                shown, "recording the load");
        double seconds = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
        progress.info(String.format(java.util.Locale.ROOT, "loaded %s into %s: %s in %s (%s/s)", shown,
                dump.database(), Durations.bytes(size), Durations.since(start), Durations.bytes((long) (size / seconds))));
        return true;
    }

    private DumpException failure(String shown, DumpFile dump, DumpDialect dialect, ExecResult result) {
        String stderr = result.stderr().strip();
        var at = dialect.error(stderr);
        if (at.isPresent()) {
            return new DumpException(shown + " line " + at.get().line() + ": " + at.get().message()
                    + " — fix the dump and run devstack:up again; database " + dump.database()
                    + " was not marked loaded, so the next up drops and reloads it");
        }
        String tail = stderr.lines().reduce((a, b) -> b).orElse("exit code " + result.exitCode());
        return new DumpException(shown + ": loading into " + dump.database() + " failed (" + tail
                + ") — fix the dump and run devstack:up again; it was not marked loaded");
    }

    private void run(String containerId, Map<String, String> env, String script, String shown, String what) {
        ExecResult result = engine.exec(containerId, DumpDialect.shell(script), env);
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

    static String sha256(Path file) {
        return io.devstack.core.Hashes.sha256(file);
    }
}
