package io.devstack.core.manage;

import io.devstack.core.compose.ComposeRequest;

/** What {@code down} should do; volumes are removed only when asked. */
public record DownRequest(ComposeRequest compose, boolean removeVolumes) {
}
