package io.devstack.core.engine;

/** Exit code and the last part of each output stream of a command run in a container. */
public record ExecResult(long exitCode, String stdout, String stderr) {
    public boolean succeeded() {
        return exitCode == 0;
    }
}
