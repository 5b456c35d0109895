package io.devstack.maven;

import io.devstack.core.Durations;
import io.devstack.core.Hashes;
import io.devstack.core.Progress;
import io.devstack.core.engine.Engine;
import io.devstack.core.publish.LinkedCheckout;
import io.devstack.core.publish.Links;
import org.apache.maven.execution.MavenSession;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds a linked checkout the way its developer would — {@code mvn package} (and {@code devstack:build} when it
 * makes an image) in the checkout, with this build's Maven, settings, local repository and offline mode — so its
 * jar, its compose build contexts and its image hold the code on disk. Skipped when nothing under its {@code pom.xml}
 * and {@code src/} changed since the last build and its tag still names the image that build made.
 */
final class CheckoutBuild {
    private static final int TAIL = 25;
    private final MavenSession session;
    private final Engine engine;
    private final Progress progress;
    private final Path stateDir;

    CheckoutBuild(MavenSession session, Engine engine, Progress progress, Path stateDir) {
        this.session = session;
        this.engine = engine;
        this.progress = progress;
        this.stateDir = stateDir;
    }

    void build(String alias, LinkedCheckout checkout) {
        Path dir = checkout.artifact().directory();
        Path marker = stateDir.resolve(alias + ".built");
        String digest = inputsDigest(dir);
        try {
            // the image id too: another checkout building the same tag takes it, and this one must build again
            if (Files.isRegularFile(marker) && Files.readString(marker).equals(digest + imageLine(checkout))
                    && (checkout.ownImage() == null || engine.imageId(checkout.ownImage()).isPresent())) {
                progress.info("linked " + alias + " (" + checkout.path() + ") unchanged since its last build");
                return;
            }
            long start = System.nanoTime();
            List<String> command = command(dir, checkout.ownImage() != null);
            progress.info("building linked " + alias + " in " + checkout.path() + ": mvn " + String.join(" ",
                    command.subList(command.indexOf("-f") + 2, command.size())));
            run(alias, checkout, command);
            Files.createDirectories(stateDir);
            Files.writeString(marker, digest + imageLine(checkout));
            progress.info("built linked " + alias + " in " + Durations.since(start));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String imageLine(LinkedCheckout checkout) {
        return checkout.ownImage() == null ? "" : "\n" + engine.imageId(checkout.ownImage()).orElse("none");
    }

    private List<String> command(Path dir, boolean image) {
        Path mavenHome = Path.of(System.getProperty("maven.home", ""));
        boolean windows = System.getProperty("os.name", "").startsWith("Windows");
        List<String> command = new ArrayList<>(List.of(mavenHome.resolve("bin").resolve(windows ? "mvn.cmd" : "mvn")
                .toString(), "-B", "-f", dir.resolve("pom.xml").toString(), "-DskipTests", "-Ddevstack.package.skip=true"));
        if (session.isOffline()) {
            command.add("-o");
        }
        if (session.getRequest().getLocalRepositoryPath() != null) {
            command.add("-Dmaven.repo.local=" + session.getRequest().getLocalRepositoryPath().getAbsolutePath());
        }
        if (session.getRequest().getUserSettingsFile() != null && session.getRequest().getUserSettingsFile().isFile()) {
            command.add("-s");
            command.add(session.getRequest().getUserSettingsFile().getAbsolutePath());
        }
        // what this build was told about images and the engine holds for the checkout's build too
        for (String property : List.of("devstack.baseImage", "devstack.dockerHost")) {
            String value = session.getUserProperties().getProperty(property);
            if (value != null) {
                command.add("-D" + property + "=" + value);
            }
        }
        command.add("package");
        if (image) {
            command.add("devstack:build");
        }
        return command;
    }

    private void run(String alias, LinkedCheckout checkout, List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Deque<String> tail = new ArrayDeque<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("[INFO] --- ") || line.startsWith("[INFO] built image")) {
                    progress.info("  " + alias + " | " + line.substring("[INFO] ".length()));
                }
                tail.addLast(line);
                if (tail.size() > TAIL) {
                    tail.removeFirst();
                }
            }
        }
        int exit;
        try {
            exit = process.waitFor();
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new Links.LinkException("interrupted while building the linked checkout " + checkout.path());
        }
        if (exit != 0) {
            String reason = reason(tail).orElse("exit code " + exit);
            throw new Links.LinkException("the linked checkout " + checkout.path() + " (\"" + alias + "\") does not "
                    + "build: " + reason + "; fix it there (cd " + checkout.path() + " && mvn package), or "
                    + checkout.undo());
        }
    }

    /**
     * The first of Maven's error lines that says what failed: headers such as "COMPILATION ERROR :" and Maven's
     * advice lines are passed over, so a compile error names its file and line.
     */
    static java.util.Optional<String> reason(java.util.Collection<String> output) {
        return output.stream().filter(l -> l.startsWith("[ERROR]")).map(l -> l.substring("[ERROR]".length()).strip())
                .filter(l -> !l.isEmpty() && !l.endsWith(":") && !l.startsWith("-> [Help") && !l.startsWith("[Help")
                        && !l.startsWith("To see the full") && !l.startsWith("Re-run Maven")
                        && !l.startsWith("For more information"))
                .findFirst();
    }

    /** Names, sizes and times of what a build reads: the POM and everything under src/. */
    private static String inputsDigest(Path dir) {
        MessageDigest md = Hashes.sha256();
        try (Stream<Path> files = Stream.concat(Stream.of(dir.resolve("pom.xml")),
                Files.isDirectory(dir.resolve("src")) ? Files.walk(dir.resolve("src")) : Stream.empty())) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                md.update((dir.relativize(file) + " " + Files.size(file) + " " + Files.getLastModifiedTime(file)
                        .toMillis() + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return java.util.HexFormat.of().formatHex(md.digest());
    }
}
