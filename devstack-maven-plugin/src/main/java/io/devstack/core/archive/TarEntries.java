package io.devstack.core.archive;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;

/**
 * Writes tar archives reproducibly: entries in the given (sorted) order, a fixed modification time, owner
 * root, modes 755/644 — so the same files always give the same bytes, whatever the checkout's timestamps.
 */
public final class TarEntries {
    /** 1980-01-01, a fixed time every tool accepts (zip cannot store earlier dates). */
    public static final long FIXED_TIME_MILLIS = 315_532_800_000L;

    private TarEntries() {
    }

    /** One archive entry: a directory (source null, size 0) or a file read from {@code source}. */
    public record Entry(String name, Path source, long size, boolean executable) {
        public static Entry directory(String name) {
            return new Entry(name.endsWith("/") ? name : name + "/", null, 0, true);
        }

        public static Entry file(String name, Path source, long size, boolean executable) {
            return new Entry(name, source, size, executable);
        }
    }

    public static void write(List<Entry> entries, OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        for (Entry entry : entries) {
            TarArchiveEntry tarEntry = new TarArchiveEntry(entry.name());
            tarEntry.setModTime(new Date(FIXED_TIME_MILLIS));
            tarEntry.setUserId(0);
            tarEntry.setGroupId(0);
            tarEntry.setUserName("");
            tarEntry.setGroupName("");
            if (entry.source() == null) {
                tarEntry.setMode(TarArchiveEntry.DEFAULT_DIR_MODE & ~0777 | 0755);
                tar.putArchiveEntry(tarEntry);
            } else {
                tarEntry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~0777 | (entry.executable() ? 0755 : 0644));
                tarEntry.setSize(entry.size());
                tar.putArchiveEntry(tarEntry);
                try (InputStream in = Files.newInputStream(entry.source())) {
                    long copied = in.transferTo(tar);
                    if (copied != entry.size()) {
                        throw new IOException(entry.source() + " changed while it was being archived");
                    }
                }
            }
            tar.closeArchiveEntry();
        }
        tar.finish();
        tar.flush();
    }
}
