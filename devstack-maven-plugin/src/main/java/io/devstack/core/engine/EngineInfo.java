package io.devstack.core.engine;

/** Who answered: where, the engine's version, the API version both sides agreed on, and how it was found. */
public record EngineInfo(String host, String version, String apiVersion, String foundVia) {
    public EngineInfo(String host, String version, String apiVersion) {
        this(host, version, apiVersion, "");
    }

    /** {@code engine: unix:///var/run/docker.sock (Docker 20.10.24, API 1.41, via probe: Docker)}. */
    public String describe() {
        return "engine: " + host + " (Docker " + version + ", API " + apiVersion
                + (foundVia == null || foundVia.isEmpty() ? "" : ", via " + foundVia) + ")";
    }
}
