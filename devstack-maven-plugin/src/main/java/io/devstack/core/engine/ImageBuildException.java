package io.devstack.core.engine;

/** A Dockerfile step failed; the message carries the step and the tail of its output. */
public class ImageBuildException extends EngineException {
    public ImageBuildException(String message) {
        super(message);
    }
}
