package io.devstack.core.stack;

import java.util.Map;

/** A top-level named volume; {@code dockerName} is {@code <project>_<key>} unless external or named. */
public record VolumeDef(String key, String dockerName, boolean external, String driver, Map<String, String> labels) {
}
