package io.devstack.core.up;

import io.devstack.core.compose.ComposeRequest;
import io.devstack.core.dump.Migration;
import io.devstack.core.dump.MigrationSources;
import io.devstack.core.ready.WaitSpec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What {@code up} should do: which compose files, where the dumps are, how long each service may take to get
 * ready (and extra readiness conditions per service), whether to keep containers when it fails, and whether a
 * changed dump may replace loaded data. {@code migrateStale}, when not null, runs after a dump made from older
 * migration sources was loaded, bringing that database up to the current schema.
 */
public record UpRequest(ComposeRequest compose, Path dumpsDir, Duration readyTimeout, Map<String, WaitSpec> waits,
                        boolean keepOnFailure, boolean reloadChangedDumps, java.util.List<String> migrationSources,
                        Path provisionDir, Migration migrateStale) {

    public UpRequest(ComposeRequest compose, Path dumpsDir, Duration readyTimeout, Map<String, WaitSpec> waits,
                     boolean keepOnFailure, boolean reloadChangedDumps) {
        this(compose, dumpsDir, readyTimeout, waits, keepOnFailure, reloadChangedDumps,
                MigrationSources.DEFAULT_GLOBS, compose.workingDir().resolve("provision"), null);
    }
}
