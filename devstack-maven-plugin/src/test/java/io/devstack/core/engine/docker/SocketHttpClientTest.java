package io.devstack.core.engine.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The socket transport against a scripted HTTP server on a unix socket: each answer's framing, and requests. */
class SocketHttpClientTest {
    @TempDir
    Path dir;
    private ServerSocketChannel server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
            java.nio.file.Files.deleteIfExists(dir.resolve("engine.sock")); // a unix socket's file outlives it
        }
    }

    /** Serves one connection: reads the request until {@code requestEnd} appears, answers, then keeps reading. */
    private CompletableFuture<String> serve(String answer, String requestEnd) throws IOException {
        Path socket = dir.resolve("engine.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return CompletableFuture.supplyAsync(() -> {
            try (SocketChannel connection = server.accept()) {
                InputStream in = Channels.newInputStream(connection);
                ByteArrayOutputStream seen = new ByteArrayOutputStream();
                while (!seen.toString(StandardCharsets.UTF_8).contains(requestEnd)) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    seen.write(b);
                }
                Channels.newOutputStream(connection).write(answer.getBytes(StandardCharsets.UTF_8));
                connection.shutdownOutput();
                in.transferTo(seen); // what the client sends after the answer (a hijacked stream)
                return seen.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private DockerHttpClient client() {
        return new SocketHttpClient(URI.create("unix://" + dir.resolve("engine.sock")));
    }

    private static String body(DockerHttpClient.Response response) throws IOException {
        try (response; InputStream in = response.getBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aBodyOfKnownLengthEndsThereAndHeadersAreCaseInsensitive() throws Exception {
        CompletableFuture<String> request = serve("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nApi-Version: 1.41\r\n\r\n"
                + "helloEXTRA", "\r\n\r\n");
        DockerHttpClient.Response response = client().execute(DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET).path("/v1.41/version").build());
        assertEquals(200, response.getStatusCode());
        assertEquals("1.41", response.getHeader("api-version"));
        assertEquals("hello", body(response));
        assertTrue(request.get(5, TimeUnit.SECONDS).startsWith("GET /v1.41/version HTTP/1.1\r\nHost: docker\r\n"));
    }

    @Test
    void aChunkedAnswerIsDecodedAcrossChunksAndTrailers() throws Exception {
        serve("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"a\"\r\n3;ext=1\r\n:1}\r\n0\r\nX-Trailer: t\r\n\r\n",
                "\r\n\r\n");
        assertEquals("{\"a\":1}", body(client().execute(DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET).path("/events").build())));
    }

    @Test
    void anAnswerWithoutLengthRunsUntilTheEngineClosesAndNoContentIsEmpty() throws Exception {
        serve("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n\r\nlog line 1\nlog line 2\n", "\r\n\r\n");
        assertEquals("log line 1\nlog line 2\n", body(client().execute(DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET).path("/containers/x/logs").build())));
        stop();
        serve("HTTP/1.1 204 No Content\r\n\r\n", "\r\n\r\n");
        DockerHttpClient.Response started = client().execute(DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.POST).path("/containers/x/start").build());
        assertEquals(204, started.getStatusCode());
        assertEquals("", body(started));
    }

    @Test
    void bytesGoWithTheirLengthAndAStreamGoesChunked() throws Exception {
        CompletableFuture<String> sized = serve("HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n", "}");
        body(client().execute(DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.POST)
                .path("/containers/create").putHeader("Content-Type", "application/json")
                .bodyBytes("{\"Image\":\"x\"}".getBytes(StandardCharsets.UTF_8)).build()));
        String request = sized.get(5, TimeUnit.SECONDS);
        assertTrue(request.contains("Content-Type: application/json\r\n"), request);
        assertTrue(request.endsWith("Content-Length: 13\r\n\r\n{\"Image\":\"x\"}"), request);
        stop();

        CompletableFuture<String> streamed = serve("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", "0\r\n\r\n");
        body(client().execute(DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.POST)
                .path("/build").body(new ByteArrayInputStream("tar bytes".getBytes(StandardCharsets.UTF_8))).build()));
        String build = streamed.get(5, TimeUnit.SECONDS);
        assertTrue(build.contains("Transfer-Encoding: chunked\r\n\r\n9\r\ntar bytes\r\n0\r\n\r\n"), build);
    }

    @Test
    void aHijackedRequestUpgradesAndItsInputReachesTheEngineAfterTheAnswer() throws Exception {
        CompletableFuture<String> request = serve("HTTP/1.1 101 UPGRADED\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n"
                + "process output", "\r\n\r\n");
        DockerHttpClient.Response response = client().execute(DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.POST).path("/containers/x/attach?stdin=1")
                .hijackedInput(new ByteArrayInputStream("stdin text".getBytes(StandardCharsets.UTF_8))).build());
        assertEquals(101, response.getStatusCode());
        assertEquals("process output", new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8));
        String seen = request.get(5, TimeUnit.SECONDS);
        assertTrue(seen.contains("Connection: Upgrade\r\nUpgrade: tcp\r\n"), seen);
        assertTrue(seen.endsWith("\r\n\r\nstdin text"), seen);
        response.close();
    }
}
