package io.devstack.core.engine.docker;

import com.github.dockerjava.transport.DockerHttpClient;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * docker-java's transport for engines without TLS (a unix socket, or plain TCP): HTTP/1.1, one connection per
 * request, on the JDK's own sockets. The Apache transport builds the JVM's default TLS context and loads the
 * public-suffix list whenever it starts, even for a unix socket — about a third of every goal's engine connect —
 * and pools connections that a local socket does not need. TLS engines keep the Apache transport.
 */
final class SocketHttpClient implements DockerHttpClient {
    private static final int CONNECT_TIMEOUT_MS = 5000;
    private final URI host;

    SocketHttpClient(URI host) {
        this.host = host;
    }

    static boolean supports(URI host) {
        return "unix".equals(host.getScheme()) || "tcp".equals(host.getScheme());
    }

    @Override
    public Response execute(Request request) {
        SocketChannel channel = null;
        try {
            channel = open();
            OutputStream out = Channels.newOutputStream(channel);
            byte[] bytes = request.bodyBytes();
            InputStream stream = bytes == null ? request.body() : null;
            boolean hijack = request.hijackedInput() != null;
            StringBuilder head = new StringBuilder(request.method()).append(' ').append(request.path())
                    .append(" HTTP/1.1\r\nHost: ").append(hostHeader()).append("\r\n");
            request.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append(hijack ? "Connection: Upgrade\r\nUpgrade: tcp\r\n" : "Connection: close\r\n");
            if (bytes != null) {
                head.append("Content-Length: ").append(bytes.length).append("\r\n");
            } else if (stream != null) {
                head.append("Transfer-Encoding: chunked\r\n");
            } else if (!"GET".equals(request.method()) && !"HEAD".equals(request.method())) {
                head.append("Content-Length: 0\r\n");
            }
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            if (bytes != null) {
                out.write(bytes);
            } else if (stream != null) {
                writeChunked(stream, out);
            }
            out.flush();
            InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
            return read(channel, in, out, request);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private SocketChannel open() throws IOException {
        if ("unix".equals(host.getScheme())) {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(Path.of(host.getPath())));
            return channel;
        }
        SocketChannel channel = SocketChannel.open();
        channel.socket().connect(new InetSocketAddress(host.getHost(), host.getPort()), CONNECT_TIMEOUT_MS);
        return channel;
    }

    private String hostHeader() {
        return "unix".equals(host.getScheme()) ? "docker" : host.getHost() + ":" + host.getPort();
    }

    private static void writeChunked(InputStream body, OutputStream out) throws IOException {
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = body.read(buffer)) >= 0; ) {
            if (n > 0) {
                out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(buffer, 0, n);
                out.write('\r');
                out.write('\n');
            }
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static Response read(SocketChannel channel, InputStream in, OutputStream out, Request request)
            throws IOException {
        String status = line(in);
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("the engine answered with no HTTP status line: " + status);
        }
        int code = Integer.parseInt(parts[1]);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String line; !(line = line(in)).isEmpty(); ) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(line.substring(0, colon).trim(), k -> new java.util.ArrayList<>())
                        .add(line.substring(colon + 1).trim());
            }
        }
        InputStream body;
        if (code == 101 || request.hijackedInput() != null && code / 100 == 2) {
            body = in; // the connection is the process's stream now
            pump(request.hijackedInput(), out, channel);
        } else if ("HEAD".equals(request.method()) || code == 204 || code == 304) {
            body = InputStream.nullInputStream();
        } else if (first(headers, "Transfer-Encoding").toLowerCase(java.util.Locale.ROOT).contains("chunked")) {
            body = new Chunked(in);
        } else if (!first(headers, "Content-Length").isEmpty()) {
            body = new Bounded(in, Long.parseLong(first(headers, "Content-Length")));
        } else {
            body = in; // until the engine closes the connection
        }
        return new SocketResponse(code, headers, new ClosingStream(body, channel), channel);
    }

    /** The hijacked input goes to the process on its own thread; its end half-closes our side. */
    private static void pump(InputStream input, OutputStream out, SocketChannel channel) {
        if (input == null) {
            return;
        }
        Thread pump = new Thread(() -> {
            try (input) {
                input.transferTo(out);
                out.flush();
                channel.shutdownOutput();
            } catch (IOException e) {
                // the connection closed under us: the response side reports it
            }
        }, "devstack-hijacked-input");
        pump.setDaemon(true);
        pump.start();
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    /** One CRLF-terminated header line, without the line end. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new EOFException("the engine closed the connection in the middle of its answer's headers");
            }
            bytes.write(b);
        }
        String text = bytes.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    @Override
    public void close() {
        // nothing is pooled: each response owns its connection
    }

    private record SocketResponse(int code, Map<String, List<String>> headers, InputStream body,
                                  SocketChannel channel) implements Response {
        @Override
        public int getStatusCode() {
            return code;
        }

        @Override
        public Map<String, List<String>> getHeaders() {
            return headers;
        }

        @Override
        public InputStream getBody() {
            return body;
        }

        @Override
        public void close() {
            closeQuietly(channel);
        }
    }

    /** Closing the body closes the connection, as docker-java's callbacks expect of a streamed answer. */
    private static final class ClosingStream extends FilterInputStream {
        private final SocketChannel channel;

        ClosingStream(InputStream in, SocketChannel channel) {
            super(in);
            this.channel = channel;
        }

        @Override
        public void close() {
            closeQuietly(channel);
        }
    }

    private static final class Bounded extends FilterInputStream {
        private long left;

        Bounded(InputStream in, long length) {
            super(in);
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), left);
        }
    }

    /** A chunked body, decoded; trailers are read and dropped. */
    private static final class Chunked extends FilterInputStream {
        private long left;
        private boolean done;

        Chunked(InputStream in) {
            super(in);
        }

        private boolean next() throws IOException {
            if (done) {
                return false;
            }
            if (left == 0) {
                String size = line(in);
                int semicolon = size.indexOf(';');
                left = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                if (left == 0) {
                    while (!line(in).isEmpty()) {
                        // trailers
                    }
                    done = true;
                    return false;
                }
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!next()) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("the engine closed the connection in the middle of a chunk");
            }
            left -= n;
            if (left == 0) {
                line(in); // the CRLF after the chunk
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            return done ? 0 : (int) Math.min(in.available(), left);
        }
    }
}
