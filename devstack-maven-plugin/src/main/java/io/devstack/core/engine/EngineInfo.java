package io.devstack.core.engine;

/**
 * Who answered: where, the engine's version, the API version both sides agreed on, how it was found, and the machine
 * it runs on when that is not this one (null for a local engine); {@code podman}: Podman's Docker-compatible API.
 */
public record EngineInfo(String host, String version, String apiVersion, String foundVia, String remoteHost,
                         boolean podman) {
    public EngineInfo(String host, String version, String apiVersion) {
        this(host, version, apiVersion, "", null, false);
    }

    /** Whether the engine runs on another machine: its published ports are on {@link #remoteHost}. */
    public boolean remote() {
        return remoteHost != null;
    }

    /** {@code engine: unix:///var/run/docker.sock (Docker 20.10.24, API 1.41, via probe: Docker)}. */
    public String describe() {
        return "engine: " + host + " (" + (podman ? "Podman " : "Docker ") + version + ", API " + apiVersion
                + (foundVia == null || foundVia.isEmpty() ? "" : ", via " + foundVia) + ")";
    }
}
