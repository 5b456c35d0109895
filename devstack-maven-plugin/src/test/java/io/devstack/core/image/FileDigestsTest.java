package io.devstack.core.image;

import io.devstack.core.Hashes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FileDigestsTest {
    @TempDir
    Path dir;

    /** Now, as far as the cache can tell, is an hour from now: every file is settled. */
    private static final LongSupplier LATER = () -> TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis())
            + TimeUnit.HOURS.toNanos(1);

    private Path store() {
        return dir.resolve("target/devstack").resolve(FileDigests.STORE);
    }

    @Test
    void anUnchangedFileIsRecognisedByItsStatAndNotReadAgain() throws IOException {
        Path jar = Files.writeString(dir.resolve("lib.jar"), "content");
        FileDigests first = FileDigests.load(store(), LATER);
        assertEquals(Hashes.sha256(jar), first.sha256(jar));
        first.save();

        FileDigests second = FileDigests.load(store(), LATER);
        assertEquals(Hashes.sha256(jar), second.sha256(jar));
        assertEquals(0, second.reads(), "read again although nothing changed");
    }

    @Test
    void aRewriteOfTheSameSizeWithItsOldModificationTimeIsStillSeen() throws IOException {
        Path jar = Files.writeString(dir.resolve("lib.jar"), "v1");
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(jar, old);
        FileDigests first = FileDigests.load(store(), LATER);
        first.sha256(jar);
        first.save();

        Files.writeString(jar, "v2");
        Files.setLastModifiedTime(jar, old); // size and mtime as before: only the change time (or inode) tells
        FileDigests second = FileDigests.load(store(), LATER);
        assertEquals(Hashes.sha256("v2".getBytes()), second.sha256(jar));
        assertEquals(1, second.reads());
    }

    @Test
    void aFileWrittenJustNowIsNotRememberedSinceASecondWriteInTheSameTickCouldKeepItsStat() throws IOException {
        Path classes = Files.writeString(dir.resolve("Main.class"), "v1");
        FileDigests first = FileDigests.load(store()); // the real clock: the file is seconds old at most
        first.sha256(classes);
        first.save();

        FileDigests second = FileDigests.load(store(), LATER);
        second.sha256(classes);
        assertEquals(1, second.reads());
    }

    @Test
    void aDamagedStoreOnlyCostsAFullRead() throws IOException {
        Path jar = Files.writeString(dir.resolve("lib.jar"), "content");
        Files.createDirectories(store().getParent());
        Files.write(store(), new byte[] {(byte) 0xff, (byte) 0xfe, 0, '\n', 'x'});
        FileDigests digests = FileDigests.load(store(), LATER);
        assertEquals(Hashes.sha256(jar), digests.sha256(jar));
        assertEquals(1, digests.reads());
    }

    @Test
    void aFileNoLongerUsedIsForgotten() throws IOException {
        Path a = Files.writeString(dir.resolve("a.jar"), "a");
        Path b = Files.writeString(dir.resolve("b.jar"), "b");
        FileDigests first = FileDigests.load(store(), LATER);
        first.sha256(a);
        first.sha256(b);
        first.save();
        FileDigests second = FileDigests.load(store(), LATER);
        second.sha256(a);
        second.save();
        assertEquals(1, Files.readAllLines(store()).size());
    }
}
