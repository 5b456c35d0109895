package io.devstack.core.stack;

import java.nio.file.Path;
import java.util.Map;

/** {@code build:} of a service: context directory, Dockerfile relative to it, args, target stage, labels. */
public record BuildSpec(Path context, String dockerfile, Map<String, String> args, String target,
                        Map<String, String> labels) {
}
