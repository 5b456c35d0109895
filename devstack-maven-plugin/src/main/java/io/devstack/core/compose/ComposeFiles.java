package io.devstack.core.compose;

import io.devstack.core.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds the compose file(s) of a project the way the compose CLI does. */
public final class ComposeFiles {
    public static final List<String> DEFAULT_NAMES =
            List.of("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml");
    /** The override files the compose CLI (compose-go) looks for beside any default file, first found wins. */
    public static final List<String> OVERRIDE_NAMES = List.of("compose.override.yml", "compose.override.yaml",
            "docker-compose.override.yml", "docker-compose.override.yaml");

    private ComposeFiles() {
    }

    /**
     * The given files resolved against the project directory, or the first default name that exists followed, as
     * with the compose CLI, by the first override file found ({@link #OVERRIDE_NAMES}).
     */
    public static List<Path> locate(Path workingDir, List<String> given) {
        List<Path> files = new ArrayList<>();
        if (given != null && !given.isEmpty()) {
            for (String name : given) {
                Path file = workingDir.resolve(name.strip()).normalize();
                if (!Files.isRegularFile(file)) {
                    throw new ComposeFileException(file, 0, null,
                            "compose file not found; check the path given in devstack.composeFile");
                }
                files.add(file);
            }
            return files;
        }
        for (String name : DEFAULT_NAMES) {
            Path file = workingDir.resolve(name);
            if (Files.isRegularFile(file)) {
                files.add(file);
                OVERRIDE_NAMES.stream().map(workingDir::resolve).filter(Files::isRegularFile).findFirst()
                        .ifPresent(files::add);
                return files;
            }
        }
        throw new ComposeFileException(workingDir, 0, null, "no compose file found; create compose.yaml there "
                + "(or " + String.join(", ", DEFAULT_NAMES.subList(1, DEFAULT_NAMES.size()))
                + "), or name one with " + Setting.COMPOSE_FILE.ref("path"));
    }
}
