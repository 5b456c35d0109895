package io.devstack.core.engine.discovery;

import io.devstack.core.DevstackException;
import io.devstack.core.engine.EngineUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The order the docker CLI looks in, then the usual sockets; with fake homes, configs and sockets. */
class EngineDiscoveryTest {
    @TempDir
    Path home;
    private final Map<String, String> env = new HashMap<>();
    /** Sockets that answer the probe; every other one fails with "no such socket". */
    private final java.util.List<Path> answering = new java.util.ArrayList<>();

    private EngineDiscovery discovery() {
        return new EngineDiscovery(env, home, socket -> answering.contains(socket) ? null : "no such socket");
    }

    @Test
    void theParameterWinsOverDockerHostWhichWinsOverContexts() throws IOException {
        context("remote", "tcp://10.0.0.5:2376", false);
        env.put("DOCKER_CONTEXT", "remote");
        env.put("DOCKER_HOST", "unix:///run/user/1000/docker.sock");
        EngineEndpoint explicit = discovery().find("tcp://127.0.0.1:2375");
        assertEquals(URI.create("tcp://127.0.0.1:2375"), explicit.host());
        assertEquals("devstack.dockerHost", explicit.foundVia());
        EngineEndpoint fromEnv = discovery().find(null);
        assertEquals(URI.create("unix:///run/user/1000/docker.sock"), fromEnv.host());
        assertEquals("DOCKER_HOST", fromEnv.foundVia());
        assertFalse(fromEnv.tls());
    }

    @Test
    void dockerTlsVerifyTakesItsFilesFromDockerCertPath() throws IOException {
        Path certs = Files.createDirectories(home.resolve("certs"));
        for (String file : new String[] {"ca.pem", "cert.pem", "key.pem"}) {
            Files.writeString(certs.resolve(file), "x");
        }
        env.put("DOCKER_HOST", "tcp://127.0.0.1:2376");
        env.put("DOCKER_TLS_VERIFY", "1");
        env.put("DOCKER_CERT_PATH", certs.toString());
        EngineEndpoint endpoint = discovery().find(null);
        assertEquals(certs, endpoint.tlsDir());
        assertTrue(endpoint.verify());
        assertEquals("DOCKER_HOST, TLS", endpoint.foundVia());

        Files.delete(certs.resolve("ca.pem"));
        EngineUnavailableException e = assertThrows(EngineUnavailableException.class, () -> discovery().find(null));
        assertTrue(e.getMessage().contains(certs.resolve("ca.pem") + " does not exist: set DOCKER_CERT_PATH"),
                e.getMessage());
    }

    @Test
    void dockerContextNamesAContextWithItsTlsFilesUnderDockerConfig() throws IOException {
        Path config = home.resolve("elsewhere");
        env.put("DOCKER_CONFIG", config.toString());
        Path tls = context(config, "secure", "tcp://127.0.0.1:2376", true);
        env.put("DOCKER_CONTEXT", "secure");
        EngineEndpoint endpoint = discovery().find(null);
        assertEquals(URI.create("tcp://127.0.0.1:2376"), endpoint.host());
        assertEquals(tls, endpoint.tlsDir());
        assertTrue(endpoint.verify());
        assertEquals("context secure, from DOCKER_CONTEXT, TLS", endpoint.foundVia());
    }

    @Test
    void theCurrentContextOfConfigJsonIsUsedAndDefaultMeansTheSockets() throws IOException {
        context("colleague", "tcp://10.0.0.7:2375", false);
        // as the CLI writes it: indented with tabs
        Files.writeString(home.resolve(".docker/config.json"), "{\n\t\"auths\": {},\n\t\"currentContext\": \"colleague\"\n}");
        EngineEndpoint endpoint = discovery().find(null);
        assertEquals(URI.create("tcp://10.0.0.7:2375"), endpoint.host());
        assertEquals("10.0.0.7", endpoint.remoteHost());
        assertTrue(endpoint.foundVia().startsWith("context colleague, current in "), endpoint.foundVia());

        Files.writeString(home.resolve(".docker/config.json"), "{\"currentContext\": \"default\"}");
        answering.add(Path.of("/var/run/docker.sock"));
        assertEquals("probe: Docker", discovery().find(null).foundVia());
    }

    @Test
    void aContextThatDoesNotExistIsOneLineNamingIt() {
        env.put("DOCKER_CONTEXT", "gone");
        DevstackException e = assertThrows(DevstackException.class, () -> discovery().find(null));
        assertTrue(e.getMessage().startsWith("docker context \"gone\" (from DOCKER_CONTEXT) does not exist"),
                e.getMessage());
        assertTrue(e.getMessage().contains("docker context ls"), e.getMessage());
    }

    @Test
    void theSocketsAreProbedInOrderAndTheFirstThatAnswersWins() {
        env.put("XDG_RUNTIME_DIR", "/run/user/1000");
        answering.add(Path.of("/run/user/1000/podman/podman.sock"));
        answering.add(home.resolve(".colima/default/docker.sock"));
        EngineEndpoint endpoint = discovery().find(null);
        assertEquals("probe: Colima", endpoint.foundVia());
        assertEquals(URI.create("unix://" + home.resolve(".colima/default/docker.sock")), endpoint.host());
        assertNull(endpoint.remoteHost());

        answering.clear();
        answering.add(Path.of("/run/user/1000/podman/podman.sock"));
        assertEquals("probe: rootless Podman", discovery().find(null).foundVia());
        assertEquals(Set.of("Docker", "rootless Docker", "Docker Desktop", "Docker Desktop for Linux", "Colima",
                "Rancher Desktop", "Podman", "rootless Podman"), discovery().sockets().keySet());
    }

    @Test
    void whenNothingAnswersTheErrorListsEverythingTried() {
        env.put("XDG_RUNTIME_DIR", "/run/user/1000");
        EngineUnavailableException e = assertThrows(EngineUnavailableException.class, () -> discovery().find(null));
        String message = e.getMessage();
        assertTrue(message.startsWith("No Docker engine found. Tried: DOCKER_HOST (not set); DOCKER_CONTEXT (not set); "
                + "the current docker context (none in " + home.resolve(".docker/config.json") + "); "
                + "/var/run/docker.sock (Docker: no such socket); /run/user/1000/docker.sock (rootless Docker: no such "
                + "socket); "), message);
        assertTrue(message.contains("/run/user/1000/podman/podman.sock (rootless Podman: no such socket). Start one"),
                message);
        assertTrue(message.endsWith("or point DOCKER_HOST or -Ddevstack.dockerHost at a running engine."), message);
    }

    @Test
    void anAddressThatIsNoEngineAddressNamesWhereItCameFrom() {
        env.put("DOCKER_HOST", "http://127.0.0.1:2375");
        EngineUnavailableException e = assertThrows(EngineUnavailableException.class, () -> discovery().find(null));
        assertTrue(e.getMessage().startsWith("DOCKER_HOST is \"http://127.0.0.1:2375\", which is no engine address: "
                + "use unix:///path/to/docker.sock, tcp://host:2376 or ssh://user@host"), e.getMessage());
    }

    @Test
    void thePingProbeNeedsAnEngineThatAnswersNotJustASocketFile() throws Exception {
        Path missing = home.resolve("missing.sock");
        assertEquals("no such socket", PingProbe.failure(missing));

        Path socket = home.resolve("engine.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread engine = new Thread(() -> answer(server, "HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\n\r\nOK"));
            engine.start();
            assertNull(PingProbe.failure(socket));
            engine.join();

            Thread silent = new Thread(() -> answer(server, null));
            silent.start();
            assertEquals("no answer within 500 ms", PingProbe.failure(socket));
            silent.interrupt();
        }
        Path stale = home.resolve("stale.sock");
        try (ServerSocketChannel gone = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            gone.bind(UnixDomainSocketAddress.of(stale));
        }
        assertTrue(Files.exists(stale), "the socket file outlives its server");
        assertFalse(PingProbe.failure(stale) == null, "a socket file without a server does not answer");
    }

    private static void answer(ServerSocketChannel server, String response) {
        try (SocketChannel client = server.accept()) {
            client.read(ByteBuffer.allocate(256));
            if (response == null) {
                Thread.sleep(2000);
                return;
            }
            client.write(ByteBuffer.wrap(response.getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException | InterruptedException ignored) {
            // the test is over
        }
    }

    private Path context(String name, String host, boolean tls) throws IOException {
        return context(home.resolve(".docker"), name, host, tls);
    }

    /** A context as `docker context create` stores it. */
    private static Path context(Path config, String name, String host, boolean tls) throws IOException {
        String id;
        try {
            id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Path meta = Files.createDirectories(config.resolve("contexts/meta").resolve(id));
        Files.writeString(meta.resolve("meta.json"), "{\"Name\":\"" + name + "\",\"Metadata\":{},\"Endpoints\":"
                + "{\"docker\":{\"Host\":\"" + host + "\",\"SkipTLSVerify\":false}}}");
        Path dir = config.resolve("contexts/tls").resolve(id).resolve("docker");
        if (tls) {
            Files.createDirectories(dir);
            for (String file : new String[] {"ca.pem", "cert.pem", "key.pem"}) {
                Files.writeString(dir.resolve(file), "x");
            }
        }
        return dir;
    }
}
