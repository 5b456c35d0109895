package io.devstack.core.image;

import io.devstack.core.Hashes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * SHA-256 of the image's input files, remembered by path and stat (size, modification and change time, inode) in
 * a file under the work directory, so that a file that did not change is not read again: the no-change image check
 * of a project with 60 MB of dependencies stats them instead of hashing them. Like git's index, an entry is kept
 * only for a file whose times are a few seconds old: a file written again within the same clock tick could keep
 * its size and times.
 */
final class FileDigests {
    static final String STORE = "image-input-digests";
    private static final long SETTLED_NANOS = TimeUnit.SECONDS.toNanos(3);
    private final Path store;
    private final LongSupplier nowNanos;
    private final Map<String, Known> known;
    private final Map<String, Known> used = new TreeMap<>();
    private int reads;
    private boolean learned;

    private record Known(String stat, String sha256) {
    }

    private FileDigests(Path store, LongSupplier nowNanos, Map<String, Known> known) {
        this.store = store;
        this.nowNanos = nowNanos;
        this.known = known;
    }

    /** The digests remembered in {@code store} (none when it is missing or unreadable: then files are read). */
    static FileDigests load(Path store) {
        return load(store, () -> TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()));
    }

    static FileDigests load(Path store, LongSupplier nowNanos) {
        Map<String, Known> known = new HashMap<>();
        if (store != null && Files.isRegularFile(store)) {
            try {
                for (String line : Files.readAllLines(store, StandardCharsets.UTF_8)) {
                    String[] parts = line.split(" ", 3);
                    if (parts.length == 3) {
                        known.put(parts[2], new Known(parts[1], parts[0]));
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                known.clear(); // a damaged store only costs a full read
            }
        }
        return new FileDigests(store, nowNanos, known);
    }

    /** Digests nothing is remembered for (tests, and callers with nowhere to keep them). */
    static FileDigests none() {
        return new FileDigests(null, () -> 0, new HashMap<>());
    }

    String sha256(Path file) {
        String path = file.toAbsolutePath().normalize().toString();
        Stat stat = stat(file);
        Known cached = known.get(path);
        if (cached != null && cached.stat().equals(stat.key())) {
            used.put(path, cached);
            return cached.sha256();
        }
        reads++;
        String sha = Hashes.sha256(file);
        if (nowNanos.getAsLong() - stat.newestNanos() > SETTLED_NANOS) {
            used.put(path, new Known(stat.key(), sha));
            learned = true;
        }
        return sha;
    }

    /** How many files were read rather than recognised, for tests. */
    int reads() {
        return reads;
    }

    /** Keeps the digests of this run's files (only those: a removed dependency is forgotten); best effort. */
    void save() {
        if (store == null || !learned && used.keySet().equals(known.keySet())) {
            return;
        }
        StringBuilder text = new StringBuilder();
        used.forEach((path, k) -> text.append(k.sha256()).append(' ').append(k.stat()).append(' ').append(path)
                .append('\n'));
        try {
            Files.createDirectories(store.getParent());
            Path tmp = store.resolveSibling(store.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, store, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, store, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // the next check reads the files again; nothing else depends on the store
        }
    }

    /** {@code key} has no spaces: it is one field of the store's lines. */
    private record Stat(String key, long newestNanos) {
    }

    private static Stat stat(Path file) {
        try {
            Map<String, Object> unix = unixAttributes(file);
            if (unix != null) {
                long modified = ((FileTime) unix.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS);
                long changed = ((FileTime) unix.get("ctime")).to(TimeUnit.NANOSECONDS);
                return new Stat(unix.get("size") + "," + modified + "," + changed + "," + unix.get("ino"),
                        Math.max(modified, changed));
            }
            BasicFileAttributes basic = Files.readAttributes(file, BasicFileAttributes.class);
            long modified = basic.lastModifiedTime().to(TimeUnit.NANOSECONDS);
            return new Stat(basic.size() + "," + modified, modified);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final List<String> UNIX = List.of("size", "lastModifiedTime", "ctime", "ino");

    /** Change time and inode where the platform has them: a rewrite with its old modification time restored shows. */
    private static Map<String, Object> unixAttributes(Path file) throws IOException {
        try {
            return Files.readAttributes(file, "unix:" + String.join(",", UNIX));
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }
}
