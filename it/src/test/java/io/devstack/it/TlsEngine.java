package io.devstack.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The local engine behind a TLS endpoint on 127.0.0.1, as a remote engine with DOCKER_TLS_VERIFY would be: stunnel
 * with its own CA, a server certificate for IP 127.0.0.1, and a client certificate it requires. It runs under
 * {@code timeout}, so it stops by itself even if the test JVM is killed.
 */
final class TlsEngine implements AutoCloseable {
    private static final long MAX_SECONDS = 1800;
    final Path clientDir;
    final int port;
    private final Process stunnel;

    private TlsEngine(Path clientDir, int port, Process stunnel) {
        this.clientDir = clientDir;
        this.port = port;
        this.stunnel = stunnel;
    }

    String host() {
        return "tcp://127.0.0.1:" + port;
    }

    static TlsEngine start(Path dir) {
        String stunnel = List.of("/usr/bin/stunnel4", "/usr/bin/stunnel", "/usr/sbin/stunnel").stream()
                .filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElseThrow(() -> new AssertionError(
                        "stunnel is not installed: it/images/prepare.sh installs it (apt-get install stunnel4)"));
        try {
            TestProject.deleteTree(dir); // a new CA every run
            Files.createDirectories(dir);
            Path client = Files.createDirectories(dir.resolve("client"));
            LocalDaemons.run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca-key.pem", "-out", "ca.pem",
                    "-days", "2", "-subj", "/CN=devstack-it-ca");
            Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
            Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
            LocalDaemons.run(dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server-key.pem", "-out", "server.csr",
                    "-subj", "/CN=127.0.0.1");
            LocalDaemons.run(dir, "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem",
                    "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "server.ext");
            LocalDaemons.run(dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "client/key.pem", "-out", "client.csr",
                    "-subj", "/CN=devstack-it-client");
            LocalDaemons.run(dir, "openssl", "x509", "-req", "-in", "client.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem",
                    "-CAcreateserial", "-out", "client/cert.pem", "-days", "2", "-extfile", "client.ext");
            Files.copy(dir.resolve("ca.pem"), client.resolve("ca.pem"));
            int port = TestProject.freePort();
            Files.writeString(dir.resolve("stunnel.conf"), String.join("\n", "foreground = yes", "pid =",
                    "[docker]", "accept = 127.0.0.1:" + port, "connect = /var/run/docker.sock",
                    "cert = " + dir.resolve("server.pem"), "key = " + dir.resolve("server-key.pem"),
                    "CAfile = " + dir.resolve("ca.pem"), "verifyChain = yes", "requireCert = yes", ""));
            Process process = new ProcessBuilder("timeout", String.valueOf(MAX_SECONDS), stunnel,
                    dir.resolve("stunnel.conf").toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stunnel.log").toFile()).start();
            LocalDaemons.awaitListening("stunnel", port, process, dir.resolve("stunnel.log"));
            return new TlsEngine(client, port, process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        LocalDaemons.stop(stunnel);
    }
}
