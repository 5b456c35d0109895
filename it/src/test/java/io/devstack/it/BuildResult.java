package io.devstack.it;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** One Maven run of a test project: exit code and its build.log. */
record BuildResult(int exitCode, String log, Path logFile) {

    /** Whatever a build did, none of devstack's own threads may end in a stack trace. */
    BuildResult {
        int trace = log.indexOf("Exception in thread \"devstack-");
        assertEquals(-1, trace, () -> "a devstack thread ended in a stack trace, see " + logFile + "\n"
                + log.substring(trace, Math.min(log.length(), trace + 2000)));
    }

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

    /** The single "[ERROR] Failed to execute goal" line of a failed build; fails when there is not exactly one. */
    String goalError() {
        List<String> errors = linesWith("[ERROR] Failed to execute goal");
        assertEquals(1, errors.size(), () -> "expected exactly one goal failure line, see " + logFile + "\n" + tail());
        return errors.get(0);
    }

    /** Lines the build printed with the "[INFO] " prefix taken off, from the first one containing the text on. */
    List<String> infoLinesFrom(String text) {
        List<String> info = log.lines().filter(l -> l.startsWith("[INFO] ")).map(l -> l.substring(7)).toList();
        for (int i = 0; i < info.size(); i++) {
            if (info.get(i).contains(text)) {
                return info.subList(i, info.size());
            }
        }
        throw new AssertionError("no [INFO] line contains \"" + text + "\", see " + logFile + "\n" + tail());
    }
}
