package io.devstack.core.engine.docker;

import com.github.dockerjava.api.command.PullImageResultCallback;

import java.io.IOException;

/**
 * A pull whose failure is reported once, by devstack: docker-java's own callback logs every error at ERROR with a
 * stack trace ("Error during callback") before the caller can say anything useful.
 */
final class QuietPull extends PullImageResultCallback {
    private volatile Throwable failure;

    @Override
    public void onError(Throwable throwable) {
        if (failure == null) {
            failure = throwable;
        }
        try {
            close();
        } catch (IOException ignored) {
            // closing a finished stream: nothing left to report
        }
    }

    /** Throws what the pull failed with, if it failed. */
    void rethrow() {
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure != null) {
            throw new RuntimeException(failure);
        }
    }
}
