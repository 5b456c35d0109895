package io.devstack.core.image;

import io.devstack.core.DevstackException;
import io.devstack.core.Setting;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeUnit;

/**
 * The creation time devstack:build stamps on the image, as Jib's {@code creationTime}: {@code EPOCH} (a fixed time,
 * the default, so the same inputs give the same image id), {@code COMMIT} (the time of the checked-out commit: still
 * reproducible, and {@code docker images} shows when the code was made), {@code USE_CURRENT_TIMESTAMP} (now: every
 * build is a new image), or an ISO-8601 instant.
 */
public final class CreationTime {
    public static final String FIXED = ImageAssembler.CREATED;

    private CreationTime() {
    }

    public static String of(String setting, Path projectDir) {
        if (setting == null || setting.isBlank() || setting.strip().equalsIgnoreCase("EPOCH")) {
            return FIXED;
        }
        String value = setting.strip();
        if (value.equalsIgnoreCase("USE_CURRENT_TIMESTAMP")) {
            return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        }
        if (value.equalsIgnoreCase("COMMIT")) {
            return commitTime(projectDir);
        }
        try {
            return OffsetDateTime.parse(value).toInstant().toString();
        } catch (DateTimeParseException e) {
            throw new BadCreationTimeException(Setting.CREATION_TIME.ref(value) + " is not a creation time; use EPOCH "
                    + "(the default), COMMIT, USE_CURRENT_TIMESTAMP or an ISO-8601 time such as 2026-01-31T12:00:00Z");
        }
    }

    private static String commitTime(Path projectDir) {
        try {
            Process git = new ProcessBuilder("git", "log", "-1", "--format=%cI").directory(projectDir.toFile())
                    .redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 && !out.isEmpty()) {
                return OffsetDateTime.parse(out).toInstant().toString();
            }
        } catch (IOException | DateTimeParseException e) {
            // no git, or not a checkout: said below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new BadCreationTimeException(Setting.CREATION_TIME.ref("COMMIT") + " needs a git checkout with a "
                + "commit, and " + projectDir + " is none; use EPOCH or an ISO-8601 time");
    }

    /** A creation time devstack cannot use. */
    public static final class BadCreationTimeException extends DevstackException {
        BadCreationTimeException(String message) {
            super(message);
        }
    }
}
