package io.devstack.core.manage;

import java.util.List;

import io.devstack.core.compose.ComposeRequest;

/**
 * What {@code down} should do; volumes, and the images devstack built for the project, are removed only when asked;
 * {@code services}: only those (empty: all).
 */
public record DownRequest(ComposeRequest compose, boolean removeVolumes, List<String> services, boolean removeImages) {
    public DownRequest(ComposeRequest compose, boolean removeVolumes) {
        this(compose, removeVolumes, List.of(), false);
    }
}
