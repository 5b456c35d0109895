package io.devstack.core.image;

import io.devstack.core.Durations;
import io.devstack.core.Progress;
import io.devstack.core.archive.TarEntries;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The files of a build context after {@code .dockerignore}, in a stable order, with their total size. The
 * Dockerfile and {@code .dockerignore} are always sent (the daemon needs them), as the Docker CLI does.
 */
public final class BuildContext {
    /** Above this a context gets a warning naming its largest paths. */
    public static final long LARGE_CONTEXT_BYTES = 100L * 1024 * 1024;

    private final Path dir;
    private final List<TarEntries.Entry> entries;
    private final long size;

    private BuildContext(Path dir, List<TarEntries.Entry> entries, long size) {
        this.dir = dir;
        this.entries = entries;
        this.size = size;
    }

    public static BuildContext scan(Path dir, String dockerfile) {
        DockerIgnore ignore = DockerIgnore.read(dir);
        List<TarEntries.Entry> entries = new ArrayList<>();
        long[] size = {0};
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    String rel = relative(dir, d);
                    if (!rel.isEmpty() && ignore.excludes(rel) && !ignore.mayIncludeBelow(rel)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    if (!rel.isEmpty() && !ignore.excludes(rel)) {
                        entries.add(TarEntries.Entry.directory(rel));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String rel = relative(dir, file);
                    boolean always = rel.equals(dockerfile) || rel.equals(".dockerignore");
                    if (attrs.isRegularFile() && (always || !ignore.excludes(rel))) {
                        entries.add(TarEntries.Entry.file(rel, file, attrs.size(), Files.isExecutable(file)));
                        size[0] += attrs.size();
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        entries.sort(Comparator.comparing(TarEntries.Entry::name));
        return new BuildContext(dir, entries, size[0]);
    }

    private static String relative(Path root, Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }

    public List<TarEntries.Entry> entries() {
        return entries;
    }

    public long size() {
        return size;
    }

    /** Prints the size, and warns with the largest files when the context is big. */
    public void report(Progress progress, String what) {
        progress.info("build context of " + what + ": " + entries.size() + " entries, " + Durations.bytes(size));
        if (size > LARGE_CONTEXT_BYTES) {
            List<String> largest = entries.stream().filter(e -> e.source() != null)
                    .sorted(Comparator.comparingLong(TarEntries.Entry::size).reversed()).limit(5)
                    .map(e -> e.name() + " (" + Durations.bytes(e.size()) + ")").toList();
            progress.warn("the build context of " + what + " is " + Durations.bytes(size) + " (" + dir
                    + "); largest: " + String.join(", ", largest) + ". Exclude what the Dockerfile does not need in "
                    + dir.resolve(".dockerignore"));
        }
    }
}
