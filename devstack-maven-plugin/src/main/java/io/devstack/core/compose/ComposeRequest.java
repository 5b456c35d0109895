package io.devstack.core.compose;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What to read: the project directory, the compose files (later ones override earlier ones), an explicit project
 * name (null = the file's {@code name:} or the directory name), the process environment and the active profiles
 * (empty = those of COMPOSE_PROFILES, if set).
 */
public record ComposeRequest(Path workingDir, List<Path> files, String projectName, Map<String, String> environment,
                             List<String> profiles, List<IncludedStack> includes) {

    public ComposeRequest(Path workingDir, List<Path> files, String projectName, Map<String, String> environment) {
        this(workingDir, files, projectName, environment, List.of());
    }

    public ComposeRequest(Path workingDir, List<Path> files, String projectName, Map<String, String> environment,
                          List<String> profiles) {
        this(workingDir, files, projectName, environment, profiles, List.of());
    }
}
