package io.devstack.core.provision;

import java.nio.file.Path;

/**
 * {@code provision/<service>/<name>.sql|.sh}: run in that service's container after its dumps, in name order,
 * once per stack — or on every {@code up} when the name contains {@code .always.}.
 */
public record ProvisionScript(String service, Path path, boolean sql, boolean always) {
    public String name() {
        return path.getFileName().toString();
    }
}
