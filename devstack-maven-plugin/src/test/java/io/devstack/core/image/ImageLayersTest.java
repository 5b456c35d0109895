package io.devstack.core.image;

import io.devstack.core.archive.TarEntries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class ImageLayersTest {
    @TempDir
    Path dir;

    private ImageBuildRequest request(List<ImageBuildRequest.Dependency> deps) {
        return new ImageBuildRequest(dir, dir.resolve("target/devstack"), "app:1", "base:1", null, "Main",
                dir.resolve("target/classes"), deps, List.of(), "1000", List.of(), List.of(), Map.of());
    }

    private Path file(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    @Test
    void layersGoFromLeastToMostChanging() throws IOException {
        Path release = file("repo/lib-1.0.jar", "release");
        Path snapshot = file("repo/tool-2.0-SNAPSHOT.jar", "snapshot");
        Path module = file("repo/module-1.0.jar", "module");
        file("target/classes/app.properties", "a=1");
        file("target/classes/com/example/Main.class", "cafebabe");
        List<Layer> layers = ImageBuild.layers(request(List.of(
                new ImageBuildRequest.Dependency(module, ImageBuildRequest.Kind.MODULE),
                new ImageBuildRequest.Dependency(snapshot, ImageBuildRequest.Kind.SNAPSHOT),
                new ImageBuildRequest.Dependency(release, ImageBuildRequest.Kind.RELEASE))));
        assertEquals(List.of("dependencies", "snapshot-dependencies", "project-dependencies", "resources", "classes"),
                layers.stream().map(Layer::name).toList());
        assertEquals(List.of("app.properties"), layers.get(3).files().stream()
                .filter(f -> f.source() != null).map(TarEntries.Entry::name).toList());
        assertEquals(List.of("com/example/Main.class"), layers.get(4).files().stream()
                .filter(f -> f.source() != null).map(TarEntries.Entry::name).toList());
    }

    @Test
    void inputDigestFollowsContentOnly() throws IOException {
        Path main = file("target/classes/Main.class", "v1");
        List<Layer> layers = ImageBuild.layers(request(List.of()));
        String first = digest("sha256:b", layers);
        Files.setLastModifiedTime(main, java.nio.file.attribute.FileTime.fromMillis(0));
        assertEquals(first, digest("sha256:b", ImageBuild.layers(request(List.of()))));
        Files.writeString(main, "v2");
        assertNotEquals(first, digest("sha256:b", ImageBuild.layers(request(List.of()))));
        assertNotEquals(first, digest("sha256:other", layers), "base image counts");
    }

    private static String digest(String baseId, List<Layer> layers) {
        return ImageBuild.inputDigest("FROM x", baseId, layers, Map.of(), FileDigests.none());
    }
}
