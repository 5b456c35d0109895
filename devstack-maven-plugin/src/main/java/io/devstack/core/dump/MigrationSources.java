package io.devstack.core.dump;

import io.devstack.core.stack.Stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** The digest of a project's migration sources (files matching globs, relative to the project), for dump headers. */
public final class MigrationSources {
    public static final List<String> DEFAULT_GLOBS =
            List.of("src/main/resources/db/migration/**", "src/main/resources/db/changelog/**");

    private MigrationSources() {
    }

    /** The digest over all files, and a short digest per file (path relative to the project). */
    public record Digest(String sha256, java.util.Map<String, String> perFile) {
        public int files() {
            return perFile.size();
        }

        @Override
        public String toString() {
            return "sha256:" + sha256 + " (" + files() + " files)";
        }

        /** How many files were added, removed or changed between this digest and {@code now}. */
        public int changedFiles(Digest now) {
            java.util.Set<String> paths = new java.util.TreeSet<>(perFile.keySet());
            paths.addAll(now.perFile.keySet());
            return (int) paths.stream().filter(p -> !java.util.Objects.equals(perFile.get(p), now.perFile.get(p)))
                    .count();
        }
    }

    /**
     * The digests {@code stack}'s dumps should carry now, one per project they come from (computed once each):
     * this project's with its own globs, a linked checkout's with the default ones.
     */
    public static final class Current {
        private final Stack stack;
        private final List<String> ownGlobs;
        private final java.util.Map<Path, Digest> byProject = new java.util.HashMap<>();

        public Current(Stack stack, List<String> ownGlobs) {
            this.stack = stack;
            this.ownGlobs = ownGlobs;
        }

        /** Empty when it cannot be known here: a stack from an artifact carries no migration sources. */
        public java.util.Optional<Digest> of(String service) {
            List<String> globs = stack.origins().containsKey(service) ? DEFAULT_GLOBS : ownGlobs;
            return stack.migrationsDir(service).map(dir -> byProject.computeIfAbsent(dir, d -> MigrationSources.of(d,
                    globs)));
        }
    }

    public static Digest of(Path projectDir, List<String> globs) {
        List<PathMatcher> matchers = globs.stream()
                .map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
        try {
            List<Path> files = new java.util.ArrayList<>();
            for (Path root : walkRoots(projectDir, globs)) {
                try (Stream<Path> walk = Files.walk(root)) {
                    walk.filter(Files::isRegularFile).map(projectDir::relativize)
                            .filter(rel -> !rel.startsWith("target") && matchers.stream().anyMatch(m -> m.matches(rel)))
                            .forEach(files::add);
                }
            }
            files = files.stream().distinct().sorted().toList();
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            java.util.Map<String, String> perFile = new java.util.TreeMap<>();
            for (Path rel : files) {
                String name = rel.toString().replace('\\', '/');
                byte[] content = Files.readAllBytes(projectDir.resolve(rel));
                md.update((name + "\n").getBytes(StandardCharsets.UTF_8));
                md.update(content);
                md.update((byte) 0);
                perFile.put(name, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content))
                        .substring(0, 12));
            }
            return new Digest(HexFormat.of().formatHex(md.digest()), perFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Where files the globs can match live: each glob's leading directories without wildcards (so a project's
     * target/, node_modules/ or .git/ are not walked), those that exist, none inside another.
     */
    static List<Path> walkRoots(Path projectDir, List<String> globs) {
        java.util.TreeSet<Path> roots = new java.util.TreeSet<>();
        for (String glob : globs) {
            Path root = projectDir;
            String[] segments = glob.split("/");
            for (int i = 0; i < segments.length - 1 && !segments[i].matches(".*[*?\\[{].*"); i++) {
                root = root.resolve(segments[i]);
            }
            if (Files.isDirectory(root)) {
                roots.add(root);
            }
        }
        List<Path> outermost = new java.util.ArrayList<>();
        for (Path root : roots) {
            if (outermost.stream().noneMatch(root::startsWith)) {
                outermost.add(root);
            }
        }
        return outermost;
    }
}
