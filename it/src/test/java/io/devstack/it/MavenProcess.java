package io.devstack.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A Maven build running as a child process (see {@link TestProject#start}), whose output goes to a file. */
final class MavenProcess {
    final Process process;
    final Path logFile;

    MavenProcess(Process process, Path logFile) {
        this.process = process;
        this.logFile = logFile;
    }

    /** The Maven JVM: bin/mvn execs java, but take a java descendant should a wrapper script stay in between. */
    ProcessHandle jvm() {
        ProcessHandle self = process.toHandle();
        if (isJava(self)) {
            return self;
        }
        return self.descendants().filter(MavenProcess::isJava).findFirst().orElse(self);
    }

    private static boolean isJava(ProcessHandle handle) {
        return handle.info().command().map(c -> c.endsWith("/java")).orElse(false);
    }

    /** Sends a signal (INT, TERM, …) to the Maven JVM with kill(1), as a terminal's Ctrl-C would. */
    void signal(String name) {
        long pid = jvm().pid();
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(pid)).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new AssertionError("kill -" + name + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits for the build to end and returns its result; kills it (and fails) when it takes longer. */
    BuildResult await(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                throw new AssertionError("Maven did not finish within " + timeout + ", see " + logFile + "\n" + log());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new AssertionError(e);
        }
        return new BuildResult(process.exitValue(), log(), logFile);
    }

    /** Kills the build and everything it started, for cleanup after a failed assertion. */
    void kill() {
        try (Stream<ProcessHandle> descendants = process.toHandle().descendants()) {
            descendants.forEach(ProcessHandle::destroyForcibly);
        }
        process.destroyForcibly();
    }

    String log() {
        try {
            return Files.exists(logFile) ? new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
