package io.devstack.core.engine.docker;

import io.devstack.core.engine.EngineException;

import java.io.IOException;
import java.io.InputStream;
import io.devstack.core.engine.discovery.EngineEndpoint;

import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * Starts an exec on its own connection to the engine and streams a file into the process's stdin, then
 * half-closes the connection so the process sees end of input — which docker-java's own attach never does (its
 * stdin exec hangs). stdout and stderr frames are read on a second thread into tails.
 */
final class HijackedExec {
    private HijackedExec() {
    }

    /** Whether this engine can be reached by a raw socket: a unix socket, or TCP without TLS. */
    static boolean supports(EngineEndpoint endpoint) {
        String scheme = endpoint.host().getScheme();
        return "unix".equals(scheme) || ("tcp".equals(scheme) && !endpoint.tls());
    }

    static void run(URI host, String apiVersion, String execId, InputStream input, LongConsumer progress,
                    OutputTail out, OutputTail err) {
        try (SocketChannel channel = open(host)) {
            byte[] body = "{\"Detach\":false,\"Tty\":false}".getBytes(StandardCharsets.UTF_8);
            String request = "POST /v" + apiVersion + "/exec/" + execId + "/start HTTP/1.1\r\n"
                    + "Host: docker\r\nContent-Type: application/json\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n";
            write(channel, request.getBytes(StandardCharsets.US_ASCII));
            write(channel, body);
            ByteBuffer leftover = readHeaders(channel);
            Thread reader = new Thread(() -> demultiplex(channel, leftover, out, err), "devstack-exec-output");
            reader.setDaemon(true);
            reader.start();
            ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
            byte[] chunk = new byte[1 << 20];
            long sent = 0;
            for (int n; (n = input.read(chunk)) > 0; ) {
                buffer.clear();
                buffer.put(chunk, 0, n).flip();
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                sent += n;
                progress.accept(sent);
            }
            channel.shutdownOutput();
            reader.join();
        } catch (IOException e) {
            throw new EngineException("streaming into exec " + execId + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while streaming into exec " + execId, e);
        }
    }

    private static SocketChannel open(URI host) throws IOException {
        if ("unix".equals(host.getScheme())) {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(Path.of(host.getPath())));
            return channel;
        }
        return SocketChannel.open(new InetSocketAddress(host.getHost(), host.getPort()));
    }

    private static void write(SocketChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Reads the HTTP response head; returns whatever of the stream came with it. */
    private static ByteBuffer readHeaders(SocketChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        while (true) {
            if (channel.read(buffer) < 0) {
                throw new IOException("the engine closed the connection before answering");
            }
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end >= 0) {
                String status = text.substring(0, text.indexOf("\r\n"));
                if (!status.contains(" 101 ") && !status.contains(" 200 ")) {
                    throw new IOException("the engine answered " + status);
                }
                ByteBuffer rest = ByteBuffer.allocate(buffer.position() - end - 4);
                rest.put(buffer.array(), end + 4, buffer.position() - end - 4).flip();
                return rest;
            }
            if (!buffer.hasRemaining()) {
                throw new IOException("response head too large");
            }
        }
    }

    /** The exec's output: frames of an 8-byte header (stream, 0, 0, 0, size) and the payload. */
    private static void demultiplex(SocketChannel channel, ByteBuffer first, OutputTail out, OutputTail err) {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        buffer.put(first);
        try {
            while (true) {
                buffer.flip();
                while (buffer.remaining() >= 8) {
                    int stream = buffer.get(buffer.position());
                    int size = buffer.getInt(buffer.position() + 4);
                    if (buffer.remaining() < 8 + size) {
                        if (8 + size > buffer.capacity()) {
                            ByteBuffer bigger = ByteBuffer.allocate(8 + size);
                            bigger.put(buffer);
                            buffer = bigger;
                            buffer.flip();
                        }
                        break;
                    }
                    buffer.position(buffer.position() + 8);
                    byte[] payload = new byte[size];
                    buffer.get(payload);
                    (stream == 2 ? err : out).append(payload);
                }
                buffer.compact();
                if (channel.read(buffer) < 0) {
                    return;
                }
            }
        } catch (IOException ignored) {
            // the connection ended: the exit code comes from inspecting the exec
        }
    }
}
