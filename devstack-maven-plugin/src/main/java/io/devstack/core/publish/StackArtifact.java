package io.devstack.core.publish;

import io.devstack.core.compose.StackEntry;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A stack artifact unpacked into {@code directory}, as its manifest describes it: its compose files (relative to the
 * directory), the services it exports (empty: all), the images its provider builds (service to image), the stacks
 * it includes itself, the image ids the provider's engine had when it published (image to id), and whether its provider published those images as a {@code devstack-images} artifact.
 */
public record StackArtifact(Path directory, List<String> composeFiles, List<String> exports,
                            Map<String, String> builtImages, Map<String, String> imageIds, List<StackEntry> stacks,
                            boolean imagesArtifact) {
}
