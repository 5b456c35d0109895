package io.devstack.core.engine.docker;

import com.github.dockerjava.api.async.ResultCallback;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * A stream callback whose failure reaches devstack once, as an exception, instead of docker-java logging it at
 * ERROR with a stack trace ("Error during callback") before anyone can say what it means.
 */
class QuietAdapter<T> extends ResultCallback.Adapter<T> {
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

    @Override
    public ResultCallback.Adapter<T> awaitCompletion() throws InterruptedException {
        super.awaitCompletion();
        rethrow();
        return this;
    }

    @Override
    public boolean awaitCompletion(long timeout, TimeUnit unit) throws InterruptedException {
        boolean done = super.awaitCompletion(timeout, unit);
        rethrow();
        return done;
    }

    void rethrow() {
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure != null) {
            throw new RuntimeException(failure);
        }
    }
}
