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
 * Brings a stack from another repository into the consumer's project under names that cannot clash: service
 * {@code db} of stack {@code catalog} becomes {@code catalog-db} (keeping {@code db} as its alias on the stack's own
 * network {@code <project>_catalog}, so the provider's {@code DB_HOST=db} still works), joins the consumer's default
 * network as {@code catalog-db}, keeps its volumes as {@code <project>_catalog_<volume>}, publishes its ports on
 * ephemeral host ports, and carries the label {@code io.devstack.stack=<coordinates>}.
 */
final class StackIncludes {
    static final String STACK_LABEL = "io.devstack.stack";

    private StackIncludes() {
    }

    /** The included stack's services, volumes, networks and origins, renamed into the consumer's project. */
    record Renamed(Map<String, Service> services, Map<String, VolumeDef> volumes, Map<String, NetworkDef> networks,
                   Map<String, Stack.Origin> origins) {
    }

    static Renamed read(IncludedStack include, String project, Map<String, String> environment,
                        List<String> profiles, Consumer<String> warnings) {
        List<Path> files = include.composeFiles().stream().map(f -> include.directory().resolve(f)).toList();
        Stack provider = new ComposeReader(w -> warnings.accept(include.alias() + ": " + w))
                .read(new ComposeRequest(include.directory(), files, project + "_" + include.alias(), environment,
                        profiles));
        Set<String> wanted = closure(provider, include);
        String alias = include.alias();
        Map<String, VolumeDef> volumes = new LinkedHashMap<>();
        provider.volumes().forEach((key, v) -> volumes.put(alias + "_" + key,
                new VolumeDef(alias + "_" + key, v.dockerName(), v.external(), v.driver(), v.labels())));
        Map<String, NetworkDef> networks = new LinkedHashMap<>();
        provider.networks().forEach((key, n) -> networks.put(alias + "_" + key, new NetworkDef(alias + "_" + key,
                key.equals("default") ? project + "_" + alias : n.dockerName(), n.external(), n.driver(), n.internal(),
                n.labels())));
        Map<String, Service> services = new LinkedHashMap<>();
        Map<String, Stack.Origin> origins = new LinkedHashMap<>();
        for (Service service : provider.startOrder()) {
            if (!wanted.contains(service.name())) {
                continue;
            }
            String name = alias + "-" + service.name();
            services.put(name, rename(service, name, alias, include.coordinates()));
            origins.put(name, new Stack.Origin(include.coordinates(), alias, service.name(),
                    include.directory().resolve("dumps"), include.directory().resolve("provision")));
        }
        return new Renamed(services, volumes, networks, origins);
    }

    /** The services asked for and everything they depend on; all of them when none are named. */
    private static Set<String> closure(Stack provider, IncludedStack include) {
        if (include.services().isEmpty()) {
            return provider.services().keySet();
        }
        Set<String> wanted = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(include.services());
        while (!todo.isEmpty()) {
            String name = todo.pop();
            Service service = provider.services().get(name);
            if (service == null) {
                throw new ComposeFileException(provider.composeFiles().get(0), 0, "services", "<stack> "
                        + include.coordinates() + " has no service \"" + name + "\" to include; it has: "
                        + String.join(", ", provider.services().keySet()));
            }
            if (wanted.add(name)) {
                todo.addAll(service.dependsOn().keySet());
            }
        }
        return wanted;
    }

    private static Service rename(Service service, String name, String alias, String coordinates) {
        Map<String, List<String>> networks = new LinkedHashMap<>();
        service.networks().forEach((key, aliases) -> {
            List<String> all = new ArrayList<>(aliases);
            if (!all.contains(service.name())) {
                all.add(service.name()); // the provider's own services still find it by its own name
            }
            networks.put(alias + "_" + key, all);
        });
        networks.put("default", List.of()); // the consumer's services reach it as <alias>-<service>
        Map<String, Service.Dependency> dependsOn = new LinkedHashMap<>();
        service.dependsOn().forEach((dependency, spec) -> dependsOn.put(alias + "-" + dependency, spec));
        List<Mount> mounts = service.mounts().stream().map(m -> m.type() == Mount.Type.VOLUME && m.source() != null
                ? new Mount(m.type(), alias + "_" + m.source(), m.target(), m.readOnly()) : m).toList();
        // a fixed host port of another repository's stack would clash with the consumer's own: ephemeral instead
        List<PortMapping> ports = service.ports().stream()
                .map(p -> new PortMapping(p.hostIp(), null, p.containerPort(), p.protocol())).toList();
        Map<String, String> labels = new LinkedHashMap<>(service.labels());
        labels.put(STACK_LABEL, coordinates);
        return new Service(name, service.image(), service.build(), service.command(), service.entrypoint(),
                service.environment(), ports, service.expose(), mounts, networks, dependsOn, service.healthcheck(),
                labels, service.profiles(), service.options());
    }
}
