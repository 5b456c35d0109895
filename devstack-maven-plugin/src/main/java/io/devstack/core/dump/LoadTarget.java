package io.devstack.core.dump;

import io.devstack.core.stack.Service;

import java.time.Duration;

/** The database server dumps are loaded into: its project, service, image, container, dialect and readiness limit. */
public record LoadTarget(String project, Service service, String image, String containerId, DumpDialect dialect,
                         Duration readyTimeout) {
}
