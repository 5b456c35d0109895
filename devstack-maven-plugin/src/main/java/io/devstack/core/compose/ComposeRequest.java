package io.devstack.core.compose;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What to read: the project directory, the compose files (empty = look for the default names), an explicit
 * project name (null = the file's {@code name:} or the directory name) and the process environment.
 */
public record ComposeRequest(Path workingDir, List<Path> files, String projectName, Map<String, String> environment) {
}
