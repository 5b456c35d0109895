package io.devstack.core.compose;

import java.util.List;

/**
 * One {@code <stack>} as a project declares it: the coordinates of another repository's stack artifact, the alias
 * its services are named under, and the subset of its services wanted (empty: all of them). A provider's entries
 * travel in its manifest, so whoever includes it brings them in too.
 */
public record StackEntry(String coordinates, String alias, List<String> services) {
    public StackEntry {
        services = List.copyOf(services);
    }
}
