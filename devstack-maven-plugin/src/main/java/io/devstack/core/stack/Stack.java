package io.devstack.core.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A project's active services (profiles applied), read from its compose file(s) and validated: names resolve,
 * no cycles. {@code disabledServices} are those left out by profiles: {@code down} still removes them.
 */
public record Stack(String project, Path workingDir, List<Path> composeFiles, Map<String, Service> services,
                    Map<String, VolumeDef> volumes, Map<String, NetworkDef> networks, Set<String> disabledServices,
                    Map<String, Origin> origins) {

    public Stack(String project, Path workingDir, List<Path> composeFiles, Map<String, Service> services,
                 Map<String, VolumeDef> volumes, Map<String, NetworkDef> networks, Set<String> disabledServices) {
        this(project, workingDir, composeFiles, services, volumes, networks, disabledServices, Map.of());
    }

    /**
     * Where a service of a stack included from another repository comes from: the artifact's coordinates, the alias
     * it is included as, the service's own name there, that stack's dumps and provision scripts, whether its
     * provider builds the service's image itself and the id it had when published (null: unknown), and the image
     * archive its provider published (null: none), and where the stack comes from (its coordinates, or
     * {@code <path> (linked)}), and the checkout it is linked to (null: it comes from its artifact).
     */
    public record Origin(String coordinates, String alias, String name, Path dumpsDir, Path provisionDir,
                         boolean builtImage, String publishedImageId, Path imagesArchive, String source,
                         Path checkout) {
        public Origin(String coordinates, String alias, String name, Path dumpsDir, Path provisionDir) {
            this(coordinates, alias, name, dumpsDir, provisionDir, false, null, null, coordinates, null);
        }
    }

    /**
     * The project whose migration sources {@code service}'s dumps were made from: this one for its own services,
     * the checkout of a linked stack; empty for a stack from an artifact, which carries no migration sources (its
     * provider checks its dumps with {@code devstack:dump}).
     */
    public java.util.Optional<Path> migrationsDir(String service) {
        Origin origin = origins.get(service);
        return origin == null ? java.util.Optional.of(workingDir) : java.util.Optional.ofNullable(origin.checkout());
    }

    /** The stack narrowed to some services (none named: all of it), for goals that show or act on a part. */
    public Stack only(List<String> names) {
        if (names.isEmpty()) {
            return this;
        }
        Map<String, Service> kept = new java.util.LinkedHashMap<>(services);
        kept.keySet().retainAll(names);
        return new Stack(project, workingDir, composeFiles, kept, volumes, networks, disabledServices, origins);
    }

    /** The directory holding {@code service}'s dumps ({@code own} for the project's own services). */
    public Path dumpsDir(String service, Path own) {
        Origin origin = origins.get(service);
        return origin == null ? own : origin.dumpsDir();
    }

    /** The directory holding {@code service}'s provision scripts ({@code own} for the project's own services). */
    public Path provisionDir(String service, Path own) {
        Origin origin = origins.get(service);
        return origin == null ? own : origin.provisionDir();
    }

    /** The name {@code service} has where its dumps and scripts live: its own name, or its name in its stack. */
    public String sourceName(String service) {
        Origin origin = origins.get(service);
        return origin == null ? service : origin.name();
    }

    /** Services in an order where each comes after everything it depends on (file order otherwise). */
    public List<Service> startOrder() {
        List<Service> ordered = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (Service service : services.values()) {
            visit(service, done, ordered);
        }
        return ordered;
    }

    private void visit(Service service, Set<String> done, List<Service> ordered) {
        if (!done.add(service.name())) {
            return;
        }
        for (String dependency : service.dependsOn().keySet()) {
            Service dep = services.get(dependency);
            if (dep != null) {
                visit(dep, done, ordered);
            }
        }
        ordered.add(service);
    }

    /** Services that (directly) depend on the given one. */
    public List<Service> dependents(String name) {
        return services.values().stream().filter(s -> s.dependsOn().containsKey(name)).toList();
    }
}
