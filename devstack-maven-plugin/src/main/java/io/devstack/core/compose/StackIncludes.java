package io.devstack.core.compose;

import io.devstack.core.stack.Mount;
import io.devstack.core.stack.NetworkDef;
import io.devstack.core.stack.PortMapping;
import io.devstack.core.stack.Service;
import io.devstack.core.stack.Stack;
import io.devstack.core.stack.VolumeDef;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Brings stacks from other repositories into the consumer's project under names that cannot clash: service
 * {@code db} of stack {@code catalog} becomes {@code catalog-db} (keeping {@code db} as its alias on the stack's own
 * network {@code <project>_catalog}, so the provider's {@code DB_HOST=db} still works), keeps its volumes as
 * {@code <project>_catalog_<volume>}, publishes its ports on ephemeral host ports, and carries the label
 * {@code io.devstack.stack=<coordinates>}. The services a stack exports join the network of whoever includes it,
 * under the name that includer knows them by. Stacks a stack includes itself come too, each once however many paths
 * reach it.
 */
final class StackIncludes {
    static final String STACK_LABEL = "io.devstack.stack";

    private StackIncludes() {
    }

    /** One included stack's services, volumes, networks and origins, renamed into the consumer's project. */
    record Renamed(IncludedStack stack, Map<String, Service> services, Map<String, VolumeDef> volumes,
                   Map<String, NetworkDef> networks, Map<String, Stack.Origin> origins) {
    }

    /** Who includes a stack, and under which alias: {@code includer} null is the consumer itself. */
    private record Includer(IncludedStack includer, String alias) {
    }

    /** Every stack {@code direct} reaches, renamed, with only the services wanted and what they depend on. */
    static List<Renamed> readAll(List<IncludedStack> direct, String project, Map<String, String> environment,
                                 List<String> profiles, Consumer<String> warnings) {
        Map<String, IncludedStack> stacks = new LinkedHashMap<>();
        Map<String, List<Includer>> includers = new LinkedHashMap<>();
        direct.forEach(s -> flatten(s, new Includer(null, s.alias()), stacks, includers));
        List<Renamed> all = new ArrayList<>();
        for (IncludedStack stack : stacks.values()) {
            all.add(read(stack, includers.get(stack.alias()), project, environment, profiles, warnings));
        }
        Set<String> wanted = closure(all);
        return all.stream().map(r -> new Renamed(r.stack(), keep(r.services(), wanted), r.volumes(), r.networks(),
                keep(r.origins(), wanted))).toList();
    }

    private static void flatten(IncludedStack stack, Includer includer, Map<String, IncludedStack> stacks,
                                Map<String, List<Includer>> includers) {
        includers.computeIfAbsent(stack.alias(), a -> new ArrayList<>()).add(includer);
        if (stacks.putIfAbsent(stack.alias(), stack) == null) {
            stack.includes().forEach((alias, child) -> flatten(child, new Includer(stack, alias), stacks, includers));
        }
    }

    private static Renamed read(IncludedStack include, List<Includer> includers, String project,
                                Map<String, String> environment, List<String> profiles, Consumer<String> warnings) {
        List<Path> files = include.composeFiles().stream().map(f -> include.directory().resolve(f)).toList();
        List<IncludedStack> itsOwn = new ArrayList<>();
        include.includes().forEach((alias, child) -> itsOwn.add(child.as(alias)));
        // read as its provider reads it, with its own includes, so its references to them check out
        Stack provider = new ComposeReader(w -> warnings.accept(include.alias() + ": " + w), include.linkedFrom() == null)
                .read(new ComposeRequest(include.directory(), files, project + "_" + include.alias(), environment,
                        profiles, itsOwn));
        String alias = include.alias();
        Map<String, VolumeDef> volumes = new LinkedHashMap<>();
        provider.volumes().forEach((key, v) -> {
            if (isIncluded(key, include)) {
                return;
            }
            volumes.put(alias + "_" + key, new VolumeDef(alias + "_" + key, v.dockerName(), v.external(), v.driver(),
                    v.labels()));
        });
        Map<String, NetworkDef> networks = new LinkedHashMap<>();
        for (Includer includer : includers) {
            String bridge = bridgeKey(includer.includer(), include);
            networks.put(bridge, new NetworkDef(bridge, project + "_" + bridge, false, null, false, Map.of(), true));
        }
        provider.networks().forEach((key, n) -> {
            if (isIncluded(key, include)) {
                return;
            }
            networks.put(alias + "_" + key, new NetworkDef(alias + "_" + key,
                    key.equals("default") ? project + "_" + alias : n.dockerName(), n.external(), n.driver(),
                    n.internal(), n.labels()));
        });
        Map<String, Service> services = new LinkedHashMap<>();
        Map<String, Stack.Origin> origins = new LinkedHashMap<>();
        for (Service service : provider.startOrder()) {
            if (provider.origins().containsKey(service.name())) {
                continue; // a service of a stack it includes: that stack is brought in once, by itself
            }
            String name = alias + "-" + service.name();
            services.put(name, rename(service, name, include, provider, includers));
            origins.put(name, new Stack.Origin(include.coordinates(), alias, service.name(),
                    include.directory().resolve("dumps"), include.directory().resolve("provision"),
                    include.builtImages().containsKey(service.name()),
                    include.builtImages().containsKey(service.name())
                            ? include.imageIds().get(include.builtImages().get(service.name())) : null,
                    include.imagesArchive(), include.source(), include.linkedFrom() != null ? include.directory() : null));
        }
        return new Renamed(include, services, volumes, networks, origins);
    }

    /**
     * Whether a volume or network key of the provider's model belongs to a stack it includes itself; a project's own
     * keys never look like that (ComposeReader refuses them).
     */
    private static boolean isIncluded(String key, IncludedStack include) {
        return include.includes().keySet().stream().anyMatch(a -> key.startsWith(a + "_"));
    }

    /** The services asked for and everything they depend on, across stacks; all of a stack's when none are named. */
    private static Set<String> closure(List<Renamed> stacks) {
        Map<String, Service> all = new LinkedHashMap<>();
        stacks.forEach(r -> all.putAll(r.services()));
        Deque<String> todo = new ArrayDeque<>();
        for (Renamed r : stacks) {
            IncludedStack stack = r.stack();
            if (stack.services().isEmpty()) {
                todo.addAll(r.services().keySet());
                continue;
            }
            for (String name : stack.services()) {
                String renamed = stack.alias() + "-" + name;
                if (!r.services().containsKey(renamed)) {
                    throw new ComposeFileException(stack.directory().resolve(stack.composeFiles().get(0)), 0,
                            "services", "<stack> " + stack.coordinates() + " has no service \"" + name + "\" to "
                            + "include; it has: " + String.join(", ", r.origins().values().stream()
                            .map(Stack.Origin::name).toList()));
                }
                if (!stack.exports(name)) {
                    throw new ComposeFileException(stack.directory().resolve(stack.composeFiles().get(0)), 0,
                            "services", "<stack> " + stack.coordinates() + " does not export service \"" + name
                            + "\"; it exports: " + String.join(", ", stack.exports()) + " (its provider's <exports>)");
                }
                todo.add(renamed);
            }
        }
        Set<String> wanted = new LinkedHashSet<>();
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (wanted.add(name) && all.containsKey(name)) {
                todo.addAll(all.get(name).dependsOn().keySet());
            }
        }
        return wanted;
    }

    private static <V> Map<String, V> keep(Map<String, V> map, Set<String> names) {
        Map<String, V> kept = new LinkedHashMap<>(map);
        kept.keySet().retainAll(names);
        return kept;
    }

    private static Service rename(Service service, String name, IncludedStack include, Stack provider,
                                  List<Includer> includers) {
        String alias = include.alias();
        Map<String, List<String>> networks = new LinkedHashMap<>();
        service.networks().forEach((key, aliases) -> {
            if (!isIncluded(key, include)) {
                List<String> all = new ArrayList<>(aliases);
                if (!all.contains(service.name())) {
                    all.add(service.name()); // the provider's own services still find it by its own name
                }
                networks.put(alias + "_" + key, all);
            }
        });
        if (include.exports(service.name())) {
            for (Includer includer : includers) {
                // whoever includes this stack reaches it by the name it gave it, on a bridge of their own
                networks.put(bridgeKey(includer.includer(), include), List.of(includer.alias() + "-" + service.name()));
            }
        }
        for (IncludedStack child : include.includes().values()) {
            networks.put(bridgeKey(include, child), List.of()); // to call the stacks it includes itself
        }
        Map<String, Service.Dependency> dependsOn = new LinkedHashMap<>();
        service.dependsOn().forEach((dependency, spec) -> dependsOn.put(consumerName(dependency, include, provider),
                spec));
        List<Mount> mounts = service.mounts().stream().map(m -> m.type() == Mount.Type.VOLUME && m.source() != null
                ? new Mount(m.type(), alias + "_" + m.source(), m.target(), m.readOnly()) : m).toList();
        // a fixed host port of another repository's stack would clash with the consumer's own: ephemeral instead
        List<PortMapping> ports = service.ports().stream()
                .map(p -> new PortMapping(p.hostIp(), null, p.containerPort(), p.protocol())).toList();
        Map<String, String> labels = new LinkedHashMap<>(service.labels());
        labels.put(STACK_LABEL, include.coordinates());
        // an image its provider builds is used as built there (loaded, or present), never rebuilt from a context
        String builtImage = include.builtImages().get(service.name());
        return new Service(name, builtImage != null ? builtImage : service.image(),
                builtImage != null ? null : service.build(), service.command(), service.entrypoint(),
                service.environment(), ports, service.expose(), mounts, networks, dependsOn, service.healthcheck(),
                labels, service.profiles(), withoutContainerName(service.options()));
    }

    /** A fixed container name would clash between two consumers of one stack: the project-scoped default instead. */
    private static Service.Options withoutContainerName(Service.Options o) {
        return new Service.Options(o.restart(), o.workingDir(), o.user(), o.extraHosts(), null, o.hostname(),
                o.stopGracePeriod(), o.stopSignal(), o.init(), o.capAdd(), o.capDrop(), o.platform(), o.privileged(),
                o.shmSize(), o.pullPolicy());
    }

    /** The bridge between {@code includer} (null: the consumer) and a stack it includes. */
    static String bridgeKey(IncludedStack includer, IncludedStack stack) {
        return (includer == null ? "" : includer.alias() + "_") + stack.alias() + "_exports";
    }

    /** A dependency's name in the consumer: its own service, or one of a stack it includes, by that stack's alias. */
    private static String consumerName(String dependency, IncludedStack include, Stack provider) {
        Stack.Origin origin = provider.origins().get(dependency);
        if (origin == null) {
            return include.alias() + "-" + dependency;
        }
        return include.includes().get(origin.alias()).alias() + "-" + origin.name();
    }
}
