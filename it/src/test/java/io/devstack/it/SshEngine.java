package io.devstack.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The local engine as an ssh:// engine: sshd on 127.0.0.1 with its own host key, accepting one generated key, and an
 * ssh client config that knows both (given to devstack as DEVSTACK_SSH_COMMAND="ssh -F …"). It runs under
 * {@code timeout}, so it stops by itself even if the test JVM is killed.
 */
final class SshEngine implements AutoCloseable {
    private static final long MAX_SECONDS = 1800;
    final int port;
    final Path dir;
    private final Process sshd;

    private SshEngine(int port, Path dir, Process sshd) {
        this.port = port;
        this.dir = dir;
        this.sshd = sshd;
    }

    String host() {
        return "ssh://" + System.getProperty("user.name") + "@127.0.0.1:" + port;
    }

    /** What devstack runs instead of plain ssh: this engine's client config. */
    String sshCommand() {
        return "ssh -F " + dir.resolve("ssh_config");
    }

    static SshEngine start(Path dir) {
        if (!Files.isExecutable(Path.of("/usr/sbin/sshd"))) {
            throw new AssertionError("sshd is not installed: it/images/prepare.sh installs it (openssh-server)");
        }
        try {
            TestProject.deleteTree(dir);
            Files.createDirectories(dir);
            Files.createDirectories(Path.of("/run/sshd")); // sshd's privilege separation directory
            LocalDaemons.run(dir, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", "host_key");
            LocalDaemons.run(dir, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", "id");
            Files.copy(dir.resolve("id.pub"), dir.resolve("authorized_keys"));
            int port = TestProject.freePort();
            Files.writeString(dir.resolve("sshd_config"), String.join("\n", "Port " + port,
                    "ListenAddress 127.0.0.1", "HostKey " + dir.resolve("host_key"),
                    "AuthorizedKeysFile " + dir.resolve("authorized_keys"), "PermitRootLogin prohibit-password",
                    "PasswordAuthentication no", "KbdInteractiveAuthentication no", "UsePAM no", "StrictModes no",
                    "AllowStreamLocalForwarding yes", "PidFile " + dir.resolve("sshd.pid"), ""));
            Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:" + port + " "
                    + Files.readString(dir.resolve("host_key.pub")));
            Files.writeString(dir.resolve("ssh_config"), String.join("\n", "Host 127.0.0.1",
                    "  IdentityFile " + dir.resolve("id"), "  IdentitiesOnly yes",
                    "  UserKnownHostsFile " + dir.resolve("known_hosts"), "  StrictHostKeyChecking yes", ""));
            Process sshd = new ProcessBuilder("timeout", String.valueOf(MAX_SECONDS), "/usr/sbin/sshd", "-D", "-e",
                    "-f", dir.resolve("sshd_config").toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("sshd.log").toFile()).start();
            LocalDaemons.awaitListening("sshd", port, sshd, dir.resolve("sshd.log"));
            return new SshEngine(port, dir, sshd);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        LocalDaemons.stop(sshd);
    }
}
