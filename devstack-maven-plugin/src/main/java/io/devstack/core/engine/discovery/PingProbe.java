package io.devstack.core.engine.discovery;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code GET /_ping} on a unix socket, given half a second: a socket file alone may be left from a dead engine. */
public final class PingProbe {
    private static final long TIMEOUT_MS = 500;

    private PingProbe() {
    }

    public static String failure(Path socket) {
        if (!Files.exists(socket)) {
            return "no such socket";
        }
        CompletableFuture<String> ping = CompletableFuture.supplyAsync(() -> ping(socket));
        try {
            return ping.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            ping.cancel(true);
            return "no answer within " + TIMEOUT_MS + " ms";
        } catch (ExecutionException e) {
            return e.getCause().getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static String ping(Path socket) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer answer = ByteBuffer.allocate(64);
            while (answer.hasRemaining() && channel.read(answer) > 0) {
                if (new String(answer.array(), 0, answer.position(), StandardCharsets.US_ASCII).contains("\r\n")) {
                    break;
                }
            }
            String status = new String(answer.array(), 0, answer.position(), StandardCharsets.US_ASCII)
                    .lines().findFirst().orElse("");
            return status.matches("HTTP/1\\.[01] 200.*") ? null : "answered \"" + status + "\", not an engine";
        } catch (IOException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }
}
