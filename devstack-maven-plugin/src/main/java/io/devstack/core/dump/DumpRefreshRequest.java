package io.devstack.core.dump;

import io.devstack.core.compose.ComposeRequest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What {@code devstack:dump} refreshes: every committed {@code dumps/<service>/<database>.sql} (or the listed
 * {@code service/database} targets), which tables keep their rows, how to migrate, and whether to only check.
 */
public record DumpRefreshRequest(ComposeRequest compose, Path dumpsDir, List<String> targets, List<String> dataTables,
                                 List<String> schemaOnlyTables,
                                 List<String> migrationGlobs, Migration migration, boolean fromScratch, boolean check,
                                 boolean live, Duration readyTimeout) {
}
