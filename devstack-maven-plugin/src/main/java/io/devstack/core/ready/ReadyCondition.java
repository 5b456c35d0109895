package io.devstack.core.ready;

import io.devstack.core.engine.ContainerInfo;
import io.devstack.core.engine.Engine;

/** One thing that must hold before a service counts as ready; checked repeatedly until it does. */
public interface ReadyCondition {
    /** What is awaited, for progress and timeout messages: "healthy", "tcp 127.0.0.1:5432". */
    String describe();

    boolean met(ContainerInfo container, Engine engine);

    /** Whether the container exiting (with 0) is what is awaited, rather than a failure. */
    default boolean awaitsExit() {
        return false;
    }
}
