package io.devstack.core.project;

import io.devstack.core.DevstackException;
import io.devstack.core.Progress;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * One devstack run per project at a time on this machine: a second concurrent {@code up}/{@code down} waits, then
 * fails clearly, instead of creating the same containers twice. An OS file lock, so a killed run frees it.
 */
public final class ProjectLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private ProjectLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static ProjectLock acquire(String project, Duration wait, Progress progress) {
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "devstack-locks", project + ".lock");
        try {
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            long deadline = System.nanoTime() + wait.toNanos();
            boolean told = false;
            while (true) {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null;
                }
                if (lock != null) {
                    channel.truncate(0);
                    channel.write(ByteBuffer.wrap(String.valueOf(ProcessHandle.current().pid())
                            .getBytes(StandardCharsets.UTF_8)), 0);
                    return new ProjectLock(channel, lock);
                }
                String holder = Files.readString(file).strip();
                if (System.nanoTime() > deadline) {
                    channel.close();
                    throw new LockedException("another devstack run on project " + project + " (pid " + holder
                            + ") still holds " + file + " after " + wait.toSeconds() + " s; wait for it to finish or "
                            + "stop it, then run again");
                }
                if (!told) {
                    progress.info("waiting for another devstack run on project " + project + " (pid " + holder + ") ...");
                    told = true;
                }
                Thread.sleep(200);
            }
        } catch (IOException e) {
            throw new LockedException("cannot lock " + file + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LockedException("interrupted while waiting for the lock on project " + project);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the OS drops the lock with the process anyway
        }
    }

    /** Another run holds the project. */
    public static final class LockedException extends DevstackException {
        LockedException(String message) {
            super(message);
        }
    }
}
