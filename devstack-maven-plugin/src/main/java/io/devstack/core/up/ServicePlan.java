package io.devstack.core.up;

import io.devstack.core.engine.ContainerInfo;
import io.devstack.core.engine.ContainerSpec;
import io.devstack.core.project.Labels;
import io.devstack.core.stack.Service;

import java.util.List;

/**
 * What {@code up} will do with one service, decided before anything changes: the container it wants, that
 * container's config hash, and the containers that exist for the service now.
 */
record ServicePlan(Service service, ContainerSpec spec, String hash, List<ContainerInfo> existing) {

    /** The existing container that already matches, if exactly one does. */
    ContainerInfo reusable() {
        if (existing.size() == 1 && hash.equals(existing.get(0).labels().get(Labels.CONFIG_HASH))) {
            return existing.get(0);
        }
        return null;
    }

    boolean createsContainer() {
        return reusable() == null;
    }
}
