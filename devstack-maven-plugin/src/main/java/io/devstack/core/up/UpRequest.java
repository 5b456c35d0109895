package io.devstack.core.up;

import io.devstack.core.compose.ComposeRequest;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What {@code up} should do: which compose files, where the dumps are, how long each service may take to get
 * ready, whether to keep containers when it fails, and whether a changed dump may replace loaded data.
 */
public record UpRequest(ComposeRequest compose, Path dumpsDir, Duration readyTimeout, boolean keepOnFailure,
                        boolean reloadChangedDumps) {
}
