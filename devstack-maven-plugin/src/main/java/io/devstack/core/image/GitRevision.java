package io.devstack.core.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The commit a project directory is checked out at, for the image's revision label; empty outside git. */
public final class GitRevision {
    private GitRevision() {
    }

    public static Optional<String> of(Path dir) {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "HEAD").directory(dir.toFile())
                    .redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 && out.matches("[0-9a-f]{40}")) {
                return Optional.of(out);
            }
        } catch (IOException e) {
            // no git on this machine: the label is left out
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }
}
