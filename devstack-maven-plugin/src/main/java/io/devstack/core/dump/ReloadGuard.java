package io.devstack.core.dump;

import io.devstack.core.Durations;
import io.devstack.core.Progress;
import io.devstack.core.engine.Engine;
import io.devstack.core.engine.EngineException;
import io.devstack.core.ready.Readiness;
import io.devstack.core.volume.HelperContainers;
import io.devstack.core.volume.VolumeCopy;

import java.util.List;
import java.util.Map;

/**
 * Keeps what a database holds restorable while a dump replaces it. Before a drop-and-reload, the server's data
 * volume is copied into {@code <project>_<service>_devstack-backup} (server stopped for the copy, marked complete
 * only once the copy finished); a load that fails puts that copy back, so the database holds exactly what it held
 * before. A reload cut short (Ctrl-C, a killed build) is found by the next run — the load marker is still there —
 * and the copy is put back then. After a good load the copy is removed.
 */
final class ReloadGuard {
    private static final int INCOMPLETE_EXIT = 3;
    static final String RESTORING = ".devstack-restoring";
    private final Engine engine;
    private final Progress progress;
    private final LoadTarget target;

    ReloadGuard(Engine engine, Progress progress, LoadTarget target) {
        this.engine = engine;
        this.progress = progress;
        this.target = target;
    }

    String backupVolume() {
        return target.project() + "_" + target.service().name() + "_devstack-backup";
    }

    /** The volume at the data directory; a reload without one cannot be undone, so it is refused. */
    String dataVolume(String shown) {
        return engine.volumeAt(target.containerId(), target.dialect().dataDir(target.service())).orElseThrow(() ->
                new DumpException(shown + ": devstack drops and reloads a database only when it can undo a failed "
                        + "load, and service " + target.service().name() + " keeps its data in no volume at "
                        + target.dialect().dataDir(target.service()) + "; declare a volume there in the compose file"));
    }

    boolean hasBackup() {
        return engine.volumeExists(backupVolume());
    }

    void backUp(String dataVolume) {
        long start = System.nanoTime();
        String backup = backupVolume();
        engine.removeVolume(backup);
        engine.createVolume(backup, null, Map.of(HelperContainers.PROJECT, target.project(),
                "com.docker.compose.project", target.project(), HelperContainers.ROLE, "backup"));
        boolean complete = copy("keeping a copy of " + target.service().name() + "'s data before the reload",
                dataVolume, backup, "mkdir /to/data && cp -a /from/. /to/data/ && sync && touch /to/complete");
        if (!complete) {
            throw new DumpException("keeping a copy of " + target.service().name() + "'s data before the reload did "
                    + "not complete; nothing was dropped");
        }
        progress.info("kept a copy of " + target.service().name() + "'s data (to undo a failed load) in "
                + Durations.since(start));
    }

    /** Puts the data from before the reload back; false (data untouched) when the copy was never completed. */
    boolean restore(String dataVolume) {
        long start = System.nanoTime();
        // the marker survives a crash half way through, so the next run knows the data dir is not to be trusted
        boolean complete = copy("restoring " + target.service().name() + "'s data from before the reload",
                backupVolume(), dataVolume, "[ -f /from/complete ] || exit " + INCOMPLETE_EXIT
                        + "; touch /to/" + RESTORING + " && sync && find /to -mindepth 1 ! -name " + RESTORING
                        + " -delete && cp -a /from/data/. /to/ && rm -f /to/" + RESTORING + " && sync");
        if (complete) {
            progress.info("restored " + target.service().name() + "'s data from before the reload in "
                    + Durations.since(start));
        }
        return complete;
    }

    /**
     * Removes the copy. The engine can report its volume in use for a moment after the copy's helper went; the next
     * run removes a copy left over, so failing to remove it is said, not thrown.
     */
    void discard() {
        for (int attempt = 1; ; attempt++) {
            try {
                engine.removeVolume(backupVolume());
                return;
            } catch (EngineException e) {
                if (attempt == 20) {
                    progress.warn("could not remove " + backupVolume() + " (" + e.getMessage() + "); the next up "
                            + "removes it");
                    return;
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private boolean copy(String what, String from, String to, String script) {
        VolumeCopy.Result result;
        try (VolumeCopy pause = VolumeCopy.pause(engine, progress, target.project(), target.service(), target.image(),
                target.containerId(), what)) {
            result = pause.copy("backup-copy", from, to, script);
        }
        var info = engine.inspect(target.containerId());
        new Readiness(engine, () -> false).await(target.service().name(), target.containerId(),
                List.of(DumpDialects.readyCondition(info, target.dialect())), target.readyTimeout());
        if (result.exitCode() == INCOMPLETE_EXIT) {
            return false;
        }
        if (result.exitCode() != 0) {
            throw new DumpException(what + " failed (exit " + result.exitCode() + "): " + result.outputTail());
        }
        return true;
    }
}
