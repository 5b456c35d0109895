package io.devstack.core.engine;

import io.devstack.core.archive.TarEntries;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A classic-builder build: the context is streamed from {@code contextEntries} (already filtered by
 * .dockerignore), {@code dockerfile} is its path inside the context.
 */
public record BuildRequest(Path contextDir, List<TarEntries.Entry> contextEntries, String dockerfile, Set<String> tags,
                           Map<String, String> args, String target, Map<String, String> labels) {
}
