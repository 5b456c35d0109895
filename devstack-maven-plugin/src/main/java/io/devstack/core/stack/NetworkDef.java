package io.devstack.core.stack;

import java.util.Map;

/**
 * A top-level network; {@code dockerName} is {@code <project>_<key>} unless external or named. A {@code bridge}
 * joins a stack's exported services to those that call them: on it a container answers only to the aliases given,
 * never to its service name, so a caller's {@code db} can never shadow the stack's own {@code db}.
 */
public record NetworkDef(String key, String dockerName, boolean external, String driver, boolean internal,
                         Map<String, String> labels, boolean bridge) {
    public NetworkDef(String key, String dockerName, boolean external, String driver, boolean internal,
                      Map<String, String> labels) {
        this(key, dockerName, external, driver, internal, labels, false);
    }
}
