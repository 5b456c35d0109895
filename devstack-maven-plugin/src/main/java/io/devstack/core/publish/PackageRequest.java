package io.devstack.core.publish;

import io.devstack.core.compose.ComposeRequest;
import io.devstack.core.compose.StackEntry;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code devstack:package} puts in a stack artifact: the project's compose files with what they need (.env,
 * env files, bind-mounted files inside the project), its dumps and provision scripts, and a manifest naming the
 * artifact's coordinates, the services it exports (empty: all), the images it needs and the stacks it includes.
 * {@code ownImage} is the image {@code devstack:build} makes of the project (null when it makes none);
 * {@code imagesOutput}, when set, receives the images the project builds itself as one image archive.
 */
public record PackageRequest(ComposeRequest compose, Path dumpsDir, Path provisionDir, String coordinates,
                             List<String> exports, List<StackEntry> includedStacks, String ownImage, Path output,
                             Path imagesOutput) {
}
