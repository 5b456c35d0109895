package io.devstack.core.image;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@code devstack:build} assembles: the project's runtime classpath split by how often it changes, the
 * template (null = devstack's default), the image name, the labels to stamp on it and its creation time (ISO-8601).
 */
public record ImageBuildRequest(Path projectDir, Path workDir, String image, String baseImage, Path template,
                                String mainClass, Path classesDir, List<Dependency> dependencies,
                                List<Path> extraDirectories, String user, List<String> jvmFlags, List<String> expose,
                                Map<String, String> labels, String created) {

    public ImageBuildRequest(Path projectDir, Path workDir, String image, String baseImage, Path template,
                             String mainClass, Path classesDir, List<Dependency> dependencies,
                             List<Path> extraDirectories, String user, List<String> jvmFlags, List<String> expose,
                             Map<String, String> labels) {
        this(projectDir, workDir, image, baseImage, template, mainClass, classesDir, dependencies, extraDirectories,
                user, jvmFlags, expose, labels, CreationTime.FIXED);
    }

    /** A runtime dependency: a jar (or, for a reactor module not packaged yet, its classes directory). */
    public record Dependency(Path file, Kind kind) {
    }

    public enum Kind { RELEASE, SNAPSHOT, MODULE }
}
