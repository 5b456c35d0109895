package io.devstack.core.stack;

import java.util.Map;

/** A top-level network; {@code dockerName} is {@code <project>_<key>} unless external or named. */
public record NetworkDef(String key, String dockerName, boolean external, String driver, boolean internal,
                         Map<String, String> labels) {
}
