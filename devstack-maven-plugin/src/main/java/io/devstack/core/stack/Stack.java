package io.devstack.core.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A project's services, read from its compose file(s) and validated: names resolve, no cycles. */
public record Stack(String project, Path workingDir, List<Path> composeFiles,
                    Map<String, Service> services, Map<String, VolumeDef> volumes) {

    public String networkName() {
        return project + "_default";
    }

    /** Services in an order where each comes after everything it depends on (file order otherwise). */
    public List<Service> startOrder() {
        List<Service> ordered = new ArrayList<>();
        Map<String, Boolean> done = new LinkedHashMap<>();
        for (Service service : services.values()) {
            visit(service, done, ordered);
        }
        return ordered;
    }

    private void visit(Service service, Map<String, Boolean> done, List<Service> ordered) {
        if (done.containsKey(service.name())) {
            return;
        }
        done.put(service.name(), Boolean.TRUE);
        for (String dependency : service.dependsOn().keySet()) {
            visit(services.get(dependency), done, ordered);
        }
        ordered.add(service);
    }
}
