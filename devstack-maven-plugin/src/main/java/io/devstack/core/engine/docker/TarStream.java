package io.devstack.core.engine.docker;

import io.devstack.core.engine.EngineException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** A one-file tar archive produced on a writer thread while the engine reads it: nothing is held in memory. */
final class TarStream implements AutoCloseable {
    private final PipedInputStream input;
    private final FutureTask<Void> writer;

    private TarStream(PipedInputStream input, FutureTask<Void> writer) {
        this.input = input;
        this.writer = writer;
    }

    static TarStream ofFile(Path file, String name) {
        try {
            PipedInputStream input = new PipedInputStream(1 << 20);
            PipedOutputStream output = new PipedOutputStream(input);
            FutureTask<Void> writer = new FutureTask<>(() -> {
                write(file, name, output);
                return null;
            });
            Thread thread = new Thread(writer, "devstack-tar-" + name);
            thread.setDaemon(true);
            thread.start();
            return new TarStream(input, writer);
        } catch (IOException e) {
            throw new EngineException("cannot stream " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, String name, OutputStream output) throws IOException {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(output);
             InputStream in = Files.newInputStream(file)) {
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(Files.size(file));
            entry.setMode(0644);
            tar.putArchiveEntry(entry);
            in.transferTo(tar);
            tar.closeArchiveEntry();
            tar.finish();
        }
    }

    InputStream input() {
        return input;
    }

    /** Surfaces an error of the writer (e.g. the file vanished mid-copy). */
    void awaitWritten() {
        try {
            writer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while streaming a file", e);
        } catch (ExecutionException e) {
            throw new EngineException("cannot stream file: " + e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public void close() {
        writer.cancel(true);
        try {
            input.close();
        } catch (IOException ignored) {
            // the engine already consumed or abandoned the stream
        }
    }
}
