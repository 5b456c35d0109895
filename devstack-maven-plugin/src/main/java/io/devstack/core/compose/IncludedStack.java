package io.devstack.core.compose;

import java.nio.file.Path;
import java.util.List;

/**
 * A stack from another repository, unpacked from its artifact into {@code directory}: the alias its services are
 * named under ({@code <alias>-<service>}), its coordinates, its compose files (relative to the directory), and the
 * subset of its services wanted (empty: all; their depends_on closure always comes along).
 */
public record IncludedStack(String alias, String coordinates, Path directory, List<String> composeFiles,
                            List<String> services) {
}
