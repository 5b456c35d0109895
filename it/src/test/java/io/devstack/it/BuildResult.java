package io.devstack.it;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** One Maven run of a test project: exit code and its build.log. */
record BuildResult(int exitCode, String log, Path logFile) {

    BuildResult assertSuccess() {
        assertEquals(0, exitCode, () -> "build failed, see " + logFile + "\n" + tail());
        return this;
    }

    BuildResult assertFailure() {
        assertNotEquals(0, exitCode, () -> "build should have failed, see " + logFile + "\n" + tail());
        return this;
    }

    BuildResult assertLogContains(String text) {
        assertTrue(log.contains(text), () -> "build.log lacks \"" + text + "\", see " + logFile + "\n" + tail());
        return this;
    }

    BuildResult assertLogLacks(String text) {
        assertFalse(log.contains(text), () -> "build.log should not contain \"" + text + "\", see " + logFile);
        return this;
    }

    /** Lines of the log that contain the text. */
    List<String> linesWith(String text) {
        return log.lines().filter(l -> l.contains(text)).toList();
    }

    String tail() {
        List<String> lines = log.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
