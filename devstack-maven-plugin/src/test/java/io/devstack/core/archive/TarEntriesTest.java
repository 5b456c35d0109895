package io.devstack.core.archive;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TarEntriesTest {
    @TempDir
    Path dir;

    private byte[] archive(Path file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarEntries.write(List.of(TarEntries.Entry.directory("app"),
                TarEntries.Entry.file("app/a.txt", file, Files.size(file), false)), out);
        return out.toByteArray();
    }

    @Test
    void sameContentGivesSameBytesWhateverTheFileTime() throws IOException {
        Path file = dir.resolve("a.txt");
        Files.writeString(file, "hello");
        byte[] first = archive(file);
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 86_400_000L));
        assertArrayEquals(first, archive(file));
    }

    @Test
    void entriesAreRootOwnedWithFixedTimeAndModes() throws IOException {
        Path file = dir.resolve("a.txt");
        Files.writeString(file, "hello");
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(archive(file)))) {
            TarArchiveEntry d = in.getNextEntry();
            assertEquals("app/", d.getName());
            assertEquals(0755, d.getMode() & 0777);
            TarArchiveEntry f = in.getNextEntry();
            assertEquals(0, f.getLongUserId());
            assertEquals(0644, f.getMode() & 0777);
            assertEquals(TarEntries.FIXED_TIME_MILLIS, f.getModTime().getTime());
        }
    }
}
