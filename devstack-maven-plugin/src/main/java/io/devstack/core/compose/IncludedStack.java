package io.devstack.core.compose;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A stack from another repository, unpacked from its artifact into {@code directory}: the alias its services are
 * named under ({@code <alias>-<service>}), its coordinates, its compose files (relative to the directory), the
 * services wanted (empty: all; their depends_on closure always comes along), the services it exports (empty: all),
 * the images its provider builds itself (service to image; they are used, never built, by a consumer) with the ids
 * they had when it published (image to id, where known), the image
 * archive its provider published (null: none), the stacks it includes itself, by the alias it gave them, and the
 * path of the checkout it is linked to (null: it comes from its artifact; else {@code directory} is the checkout).
 * A stack reached by two paths is one object, so it runs once.
 */
public record IncludedStack(String alias, String coordinates, Path directory, List<String> composeFiles,
                            List<String> services, List<String> exports, Map<String, String> builtImages,
                            Map<String, String> imageIds, Path imagesArchive, Map<String, IncludedStack> includes,
                            String linkedFrom) {

    public IncludedStack(String alias, String coordinates, Path directory, List<String> composeFiles,
                         List<String> services) {
        this(alias, coordinates, directory, composeFiles, services, List.of(), Map.of(), Map.of(), null, Map.of(),
                null);
    }

    /** The same stack under the name another stack gives it. */
    IncludedStack as(String otherAlias) {
        return new IncludedStack(otherAlias, coordinates, directory, composeFiles, services, exports, builtImages,
                imageIds, imagesArchive, includes, linkedFrom);
    }

    /** Where it comes from, as {@code status} shows it. */
    public String source() {
        return linkedFrom != null ? linkedFrom + " (linked)" : coordinates;
    }

    /** Whether {@code service} (the provider's name) is one it lets others use. */
    public boolean exports(String service) {
        return exports.isEmpty() || exports.contains(service);
    }
}
