package io.devstack.core.dump;

import io.devstack.core.stack.Service;

import java.util.List;
import java.util.Map;

/** Minimal services for dialect tests: only image and environment matter there. */
final class Services {
    private Services() {
    }

    static Service service(String image, Map<String, String> environment) {
        return new Service("db", image, null, null, null, environment, List.of(), List.of(), List.of(), Map.of(),
                Map.of(), null, Map.of(), List.of(), new Service.Options(null, null, null, List.of(), null, null, null,
                null, null, List.of(), List.of(), null, null, null, null));
    }
}
