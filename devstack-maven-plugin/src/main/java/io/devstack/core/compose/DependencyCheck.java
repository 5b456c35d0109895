package io.devstack.core.compose;

import io.devstack.core.Setting;
import io.devstack.core.stack.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** depends_on must name defined services, enabled by the active profiles, without cycles. */
final class DependencyCheck {
    private final Map<String, YamlNode> definitions;
    private final Map<String, Map<String, List<YamlNode>>> keys;

    DependencyCheck(Map<String, YamlNode> definitions, Map<String, Map<String, List<YamlNode>>> keys) {
        this.definitions = definitions;
        this.keys = keys;
    }

    private YamlNode dependsOnNode(String service) {
        List<YamlNode> nodes = keys.get(service).get("depends_on");
        return nodes == null ? definitions.get(service) : nodes.get(nodes.size() - 1);
    }

    void validate(Map<String, Service> all, Map<String, Service> active, Set<String> disabled) {
        for (Service service : all.values()) {
            service.dependsOn().forEach((dependency, spec) -> {
                if (!all.containsKey(dependency)) {
                    throw dependsOnNode(service.name()).fail("service \"" + service.name() + "\" depends on \""
                            + dependency + "\", which is not defined; known services: " + String.join(", ", all.keySet()));
                }
                if (active.containsKey(service.name()) && disabled.contains(dependency) && spec.required()) {
                    throw dependsOnNode(service.name()).fail("service \"" + service.name() + "\" depends on \""
                            + dependency + "\", which is disabled by profiles " + all.get(dependency).profiles()
                            + "; enable one with " + Setting.PROFILES.ref("..."));
                }
            });
        }
        for (Service service : all.values()) {
            List<String> cycle = findCycle(service.name(), all, new ArrayList<>());
            if (cycle != null) {
                throw dependsOnNode(cycle.get(0)).fail("dependency cycle " + String.join(" -> ", cycle)
                        + "; remove one of these depends_on entries");
            }
        }
    }

    private static List<String> findCycle(String name, Map<String, Service> services, List<String> path) {
        if (path.contains(name)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
            cycle.add(name);
            return cycle;
        }
        path.add(name);
        for (String dependency : services.get(name).dependsOn().keySet()) {
            List<String> cycle = findCycle(dependency, services, path);
            if (cycle != null) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        return null;
    }
}
