package io.devstack.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the ITs' own endpoints on 127.0.0.1 (stunnel, sshd) share: setup commands and waiting until they listen. */
final class LocalDaemons {
    private LocalDaemons() {
    }

    /** Runs a setup command (openssl, ssh-keygen) in {@code dir}; its output is the failure message. */
    static void run(Path dir, String... command) throws IOException {
        Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(dir.toFile())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        try {
            if (process.waitFor() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits until {@code daemon} accepts connections on 127.0.0.1:{@code port}; its log is the failure message. */
    static void awaitListening(String daemon, int port, Process process, Path log) throws IOException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(daemon + " exited: " + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
        throw new AssertionError(daemon + " does not listen on 127.0.0.1:" + port + ": " + Files.readString(log));
    }

    static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }
}
