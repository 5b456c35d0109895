package io.devstack.core.publish;

import io.devstack.core.Hashes;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A stack artifact made by {@code devstack:package}, unpacked where the consumer reads it: into {@code directory},
 * again only when the artifact changed (a marker holds its digest), never outside that directory.
 */
public final class StackArtifacts {
    private static final String UNPACKED = ".devstack-unpacked";

    private StackArtifacts() {
    }

    /** Unpacks {@code zip} (the artifact of {@code coordinates}) into {@code directory} and reads its manifest. */
    public static StackArtifact unpack(Path zip, Path directory, String coordinates) {
        try {
            String digest = Hashes.sha256(zip);
            Path marker = directory.resolve(UNPACKED);
            Files.createDirectories(directory.getParent());
            // two goals at once (up here, status in another terminal) unpack one after the other
            try (FileChannel lock = FileChannel.open(directory.getParent().resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); var held = lock.lock()) {
                if (!Files.isRegularFile(marker) || !Files.readString(marker).equals(digest)) {
                    deleteTree(directory);
                    Files.createDirectories(directory);
                    extract(zip, directory);
                    Files.writeString(marker, digest);
                }
            }
            Path manifest = directory.resolve(StackPackager.MANIFEST);
            if (!Files.isRegularFile(manifest)) {
                throw new PackageException(zip + " (" + coordinates + ") is no devstack stack artifact: it has no "
                        + StackPackager.MANIFEST + "; publish the provider with mvn devstack:package");
            }
            Object root;
            try {
                root = new Yaml(new LoaderOptions()).load(Files.readString(manifest, StandardCharsets.UTF_8));
            } catch (YAMLException e) {
                throw new PackageException(zip + " (" + coordinates + "): its " + StackPackager.MANIFEST + " is not "
                        + "valid YAML; republish the provider with mvn devstack:package");
            }
            StackArtifact artifact = Manifest.read(root, directory, zip + " (" + coordinates + ")");
            for (String file : artifact.composeFiles()) {
                Path path = directory.resolve(file).normalize();
                if (!path.startsWith(directory) || !Files.isRegularFile(path)) {
                    throw new PackageException(zip + " (" + coordinates + "): its manifest names compose file "
                            + file + ", which the artifact does not hold; republish the provider");
                }
            }
            return artifact;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void extract(Path zip, Path directory) throws IOException {
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                Path target = directory.resolve(entry.getName()).normalize();
                if (!target.startsWith(directory)) {
                    throw new PackageException(zip + ": entry " + entry.getName() + " points outside the directory "
                            + "it is unpacked into; the artifact is not one devstack:package made");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(entries, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
