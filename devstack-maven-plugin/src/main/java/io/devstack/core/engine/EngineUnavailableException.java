package io.devstack.core.engine;

/** No Docker engine answers where we looked, or it speaks an API too old for us. */
public class EngineUnavailableException extends EngineException {
    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
