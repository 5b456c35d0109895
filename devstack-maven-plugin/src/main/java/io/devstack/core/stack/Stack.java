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
                    Map<String, VolumeDef> volumes, Map<String, NetworkDef> networks, Set<String> disabledServices) {

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
