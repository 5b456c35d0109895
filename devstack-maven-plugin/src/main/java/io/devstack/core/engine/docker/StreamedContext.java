package io.devstack.core.engine.docker;

import io.devstack.core.engine.BuildRequest;
import io.devstack.core.engine.ImageBuildException;
import io.devstack.core.archive.TarEntries;

import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** A build context tar written by a background thread into a pipe, so the context is never held in memory. */
final class StreamedContext implements AutoCloseable {
    private final PipedInputStream stream;
    private final FutureTask<Void> writer;
    private final BuildRequest request;

    private StreamedContext(BuildRequest request, PipedInputStream stream, FutureTask<Void> writer) {
        this.request = request;
        this.stream = stream;
        this.writer = writer;
    }

    static StreamedContext start(BuildRequest request) {
        PipedInputStream in = new PipedInputStream(1 << 20);
        FutureTask<Void> writer;
        try {
            PipedOutputStream out = new PipedOutputStream(in);
            writer = new FutureTask<>(() -> {
                try (out) {
                    TarEntries.write(request.contextEntries(), out);
                }
                return null;
            });
        } catch (IOException e) {
            throw new ImageBuildException("cannot stream the build context: " + e.getMessage());
        }
        Thread thread = new Thread(writer, "devstack-build-context");
        thread.setDaemon(true);
        thread.start();
        return new StreamedContext(request, in, writer);
    }

    InputStream stream() {
        return stream;
    }

    /** Waits for the whole context to have been written; a file that could not be read fails the build. */
    void finish() {
        try {
            writer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageBuildException("interrupted while streaming the build context of " + request.contextDir());
        } catch (ExecutionException e) {
            throw new ImageBuildException("cannot stream the build context of " + request.contextDir() + ": "
                    + e.getCause().getMessage());
        }
    }

    /** Stops the writer if the engine stopped reading early. */
    @Override
    public void close() {
        try {
            stream.close();
        } catch (IOException ignored) {
            // closing a pipe cannot fail in a way that matters here
        }
    }
}
