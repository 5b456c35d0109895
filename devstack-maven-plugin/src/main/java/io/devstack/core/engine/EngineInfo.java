package io.devstack.core.engine;

/** Who answered: the engine's version and the API version both sides agreed on. */
public record EngineInfo(String host, String version, String apiVersion) {
}
