package io.devstack.core.engine.docker;

import io.devstack.core.engine.EngineUnavailableException;
import io.devstack.core.engine.discovery.PingProbe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An {@code ssh://user@host[:port]} engine through the system's {@code ssh}, as the docker CLI reaches one: the
 * remote engine's socket ({@code /var/run/docker.sock}, or the URL's path) forwarded to a local socket for the
 * goal's lifetime, so keys, agents, ProxyJump and ~/.ssh/config work as in a terminal. {@code DEVSTACK_SSH_COMMAND}
 * replaces plain {@code ssh} (e.g. {@code ssh -F my-config}), as GIT_SSH_COMMAND does for git. The remote command
 * reads our end of a pipe: when this JVM dies, however, the pipe closes and the tunnel ends by itself.
 */
final class SshTunnel implements AutoCloseable {
    private static final long READY_MS = 20_000;
    private final Process ssh;
    private final Path dir;
    final Path socket;

    private SshTunnel(Process ssh, Path dir, Path socket) {
        this.ssh = ssh;
        this.dir = dir;
        this.socket = socket;
    }

    static SshTunnel open(URI host, String sshCommand) {
        if (host.getHost() == null) {
            throw new EngineUnavailableException(host + " names no host: use ssh://user@host or ssh://user@host:port",
                    null);
        }
        String remoteSocket = host.getPath() == null || host.getPath().isEmpty() || host.getPath().equals("/")
                ? "/var/run/docker.sock" : host.getPath();
        try {
            Path dir = Files.createTempDirectory("devstack-ssh-");
            Path socket = dir.resolve("docker.sock");
            Path log = dir.resolve("ssh.log");
            List<String> command = new ArrayList<>(Arrays.asList((sshCommand == null || sshCommand.isBlank() ? "ssh"
                    : sshCommand.strip()).split("\\s+")));
            command.addAll(List.of("-o", "BatchMode=yes", "-o", "ExitOnForwardFailure=yes", "-o",
                    "StreamLocalBindUnlink=yes", "-L", socket + ":" + remoteSocket));
            if (host.getPort() > 0) {
                command.addAll(List.of("-p", String.valueOf(host.getPort())));
            }
            command.add((host.getUserInfo() != null ? host.getUserInfo() + "@" : "") + host.getHost());
            command.add("cat > /dev/null");
            Process ssh = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            SshTunnel tunnel = new SshTunnel(ssh, dir, socket);
            tunnel.awaitEngine(host, log);
            return tunnel;
        } catch (IOException e) {
            throw new EngineUnavailableException("cannot start ssh for " + host + " (" + e.getMessage() + "): install "
                    + "an OpenSSH client, or set DEVSTACK_SSH_COMMAND to one", e);
        }
    }

    private void awaitEngine(URI host, Path log) throws IOException {
        long deadline = System.nanoTime() + READY_MS * 1_000_000;
        String failure = "no answer";
        while (System.nanoTime() < deadline) {
            if (!ssh.isAlive()) {
                String said = String.join(" / ", Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                        .filter(l -> !l.isBlank()).toList());
                close();
                throw new EngineUnavailableException("Cannot reach the Docker engine at " + host + ": ssh exited with "
                        + ssh.exitValue() + (said.isEmpty() ? "" : " (" + said + ")") + ". devstack runs ssh without "
                        + "prompts (BatchMode): make `ssh " + (host.getPort() > 0 ? "-p " + host.getPort() + " " : "")
                        + (host.getUserInfo() != null ? host.getUserInfo() + "@" : "") + host.getHost() + "` log in "
                        + "with a key or an agent and know the host key (or set DEVSTACK_SSH_COMMAND, e.g. "
                        + "\"ssh -F my-config\"), and let that user use " + remoteSocketHint(host), null);
            }
            if (Files.exists(socket)) {
                failure = PingProbe.failure(socket);
                if (failure == null) {
                    return;
                }
            }
            sleep();
        }
        close();
        throw new EngineUnavailableException("Cannot reach the Docker engine at " + host + " through ssh within "
                + READY_MS / 1000 + " s (" + failure + "): check that the engine runs there and that "
                + remoteSocketHint(host) + " is its socket", null);
    }

    private static String remoteSocketHint(URI host) {
        return host.getPath() == null || host.getPath().isEmpty() ? "/var/run/docker.sock (another socket: "
                + "ssh://" + host.getAuthority() + "/path/to/docker.sock)" : host.getPath();
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineUnavailableException("interrupted while opening the ssh tunnel", e);
        }
    }

    @Override
    public void close() {
        ssh.destroy();
        try {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir.resolve("ssh.log"));
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
