package io.devstack.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian's Podman behind its Docker-compatible API ({@code podman system service} on a socket of its own), with the
 * test images loaded into its storage from the Docker engine when it lacks them or has an older build. It runs under
 * {@code timeout}, so it stops by itself even if the test JVM is killed.
 *
 * <p>One adaptation to this machine: its sandbox refuses setrlimit on a container's processes, and Podman always sets
 * nofile/nproc limits, so containers run through a small OCI runtime wrapper that drops those limits before calling
 * runc. Everything devstack talks to is Podman's own API.
 */
final class PodmanEngine implements AutoCloseable {
    private static final long MAX_SECONDS = 1800;
    final Path socket;
    private final Process service;

    private PodmanEngine(Path socket, Process service) {
        this.socket = socket;
        this.service = service;
    }

    String host() {
        return "unix://" + socket;
    }

    static PodmanEngine start(Path dir, List<String> images) {
        if (!Files.isExecutable(Path.of("/usr/bin/podman"))) {
            throw new AssertionError("podman is not installed: it/images/prepare.sh installs it (apt-get install podman)");
        }
        try {
            TestProject.deleteTree(dir);
            Files.createDirectories(dir);
            Path runtime = dir.resolve("runc-without-rlimits");
            Files.writeString(runtime, String.join("\n", "#!/bin/sh",
                    "# drop process.rlimits from the bundle's config.json (create) or the --process file (exec)",
                    "prev=''",
                    "for arg in \"$@\"; do",
                    "  case \"$prev\" in --bundle|-b) file=\"$arg/config.json\" ;; --process|-p) file=\"$arg\" ;; *) file='' ;; esac",
                    "  if [ -n \"$file\" ] && [ -f \"$file\" ]; then",
                    "    sed -i -e 's/,\"rlimits\":\\[[^]]*\\]//' -e 's/\"rlimits\":\\[[^]]*\\],\\{0,1\\}//' \"$file\"",
                    "  fi",
                    "  prev=\"$arg\"",
                    "done",
                    "exec runc \"$@\"", ""));
            Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (String image : images) {
                load(image);
            }
            Path socket = dir.resolve("podman.sock");
            Process service = new ProcessBuilder("timeout", String.valueOf(MAX_SECONDS), "podman", "--runtime",
                    runtime.toString(), "system", "service", "--time=0", "unix://" + socket)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("service.log").toFile()).start();
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!Files.exists(socket)) {
                if (!service.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("podman system service did not start: "
                            + Files.readString(dir.resolve("service.log")));
                }
                Thread.sleep(50);
            }
            return new PodmanEngine(socket, service);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** docker save | podman load, unless Podman holds the same image (same id) already. */
    private static void load(String image) throws IOException, InterruptedException {
        String dockerId = DockerCli.run("image", "inspect", "-f", "{{.Id}}", image).strip().replaceFirst("^sha256:", "");
        Process inspect = new ProcessBuilder("podman", "image", "inspect", "--format", "{{.Id}}", image)
                .redirectErrorStream(true).start();
        String podmanId = new String(inspect.getInputStream().readAllBytes()).strip();
        if (inspect.waitFor() == 0 && podmanId.equals(dockerId)) {
            return;
        }
        Process load = new ProcessBuilder("sh", "-c", "docker save " + image + " | podman load -q")
                .redirectErrorStream(true).start();
        String output = new String(load.getInputStream().readAllBytes());
        if (load.waitFor() != 0) {
            throw new AssertionError("loading " + image + " into podman failed: " + output);
        }
    }

    /** podman's own view, for checks that bypass devstack. */
    static List<String> podman(String... args) {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            process.waitFor();
            return output.lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        service.descendants().forEach(ProcessHandle::destroy);
        service.destroy();
    }
}
