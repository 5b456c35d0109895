package io.devstack.core.engine;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

public record BuildRequest(Path context, Path dockerfile, Set<String> tags, Map<String, String> args, String target,
                           Map<String, String> labels) {
}
