package io.devstack.core.publish;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A zip whose bytes depend only on its entries' names and contents: entries in name order, one fixed time, no extra
 * fields, written atomically — the same inputs give the same artifact, whatever the checkout's timestamps.
 */
final class ReproducibleZip {
    /** 1980-01-01, the earliest time a zip entry can carry. */
    private static final LocalDateTime FIXED_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);
    private final Map<String, byte[]> entries = new TreeMap<>();

    void add(String name, byte[] content) {
        entries.put(name, content);
    }

    void addFile(String name, Path file) throws IOException {
        entries.put(name, Files.readAllBytes(file));
    }

    Map<String, byte[]> entries() {
        return entries;
    }

    void writeTo(Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(out)) {
                for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                    ZipEntry zipEntry = new ZipEntry(entry.getKey());
                    zipEntry.setTimeLocal(FIXED_TIME);
                    zip.putNextEntry(zipEntry);
                    zip.write(entry.getValue());
                    zip.closeEntry();
                }
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
