package io.devstack.core.engine.discovery;

import io.devstack.core.engine.EngineUnavailableException;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the engine as the docker CLI does, then where the usual engines put their socket: {@code <dockerHost>} /
 * {@code -Ddevstack.dockerHost}, {@code DOCKER_HOST}, {@code DOCKER_CONTEXT}, the current context of the docker
 * config, then a short {@code /_ping} on the sockets of Docker, rootless Docker, Docker Desktop, Colima, Rancher
 * Desktop and Podman. When nothing answers, the error lists everything it tried.
 */
public final class EngineDiscovery {
    private final Map<String, String> env;
    private final Path home;
    private final SocketProbe probe;

    /** Asks a unix socket {@code /_ping}; null when an engine answered, else why not. */
    @FunctionalInterface
    public interface SocketProbe {
        String failure(Path socket);
    }

    public EngineDiscovery(Map<String, String> env, Path home, SocketProbe probe) {
        this.env = env;
        this.home = home;
        this.probe = probe;
    }

    /** The process's own environment and home, probing with a real {@code /_ping}. */
    public static EngineDiscovery ofThisProcess() {
        return new EngineDiscovery(System.getenv(), Path.of(System.getProperty("user.home")), PingProbe::failure);
    }

    /** {@code explicitHost}: {@code <dockerHost>} or {@code -Ddevstack.dockerHost}, null when not set. */
    public EngineEndpoint find(String explicitHost) {
        if (explicitHost != null && !explicitHost.isBlank()) {
            return fromHost(explicitHost.strip(), "devstack.dockerHost");
        }
        String dockerHost = env.get("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            return fromHost(dockerHost.strip(), "DOCKER_HOST");
        }
        DockerContexts contexts = new DockerContexts(configDir());
        String named = env.get("DOCKER_CONTEXT");
        if (named != null && !named.isBlank() && !named.equals("default")) {
            return contexts.endpoint(named.strip(), "from DOCKER_CONTEXT");
        }
        String current = contexts.current();
        if (current != null && !current.equals("default")) {
            return contexts.endpoint(current, "current in " + contexts.configDir().resolve("config.json"));
        }
        List<String> tried = new ArrayList<>();
        tried.add("DOCKER_HOST (not set)");
        tried.add("DOCKER_CONTEXT (not set)");
        tried.add("the current docker context (" + (current == null ? "none" : "default") + " in "
                + contexts.configDir().resolve("config.json") + ")");
        for (Map.Entry<String, Path> socket : sockets().entrySet()) {
            String failure = probe.failure(socket.getValue());
            if (failure == null) {
                return new EngineEndpoint(URI.create("unix://" + socket.getValue()), null, false,
                        "probe: " + socket.getKey());
            }
            tried.add(socket.getValue() + " (" + socket.getKey() + ": " + failure + ")");
        }
        throw new EngineUnavailableException("No Docker engine found. Tried: " + String.join("; ", tried)
                + ". Start one (e.g. `sudo systemctl start docker`, or `podman system service` for Podman), or point "
                + "DOCKER_HOST or -Ddevstack.dockerHost at a running engine.", null);
    }

    /** The sockets the usual engines listen on, in the order they are tried, named for the message. */
    Map<String, Path> sockets() {
        Map<String, Path> sockets = new LinkedHashMap<>();
        sockets.put("Docker", Path.of("/var/run/docker.sock"));
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank()) {
            sockets.put("rootless Docker", Path.of(runtime, "docker.sock"));
        }
        sockets.put("Docker Desktop", home.resolve(".docker/run/docker.sock"));
        sockets.put("Docker Desktop for Linux", home.resolve(".docker/desktop/docker.sock"));
        sockets.put("Colima", home.resolve(".colima/default/docker.sock"));
        sockets.put("Rancher Desktop", home.resolve(".rd/docker.sock"));
        sockets.put("Podman", Path.of("/run/podman/podman.sock"));
        if (runtime != null && !runtime.isBlank()) {
            sockets.put("rootless Podman", Path.of(runtime, "podman/podman.sock"));
        }
        return sockets;
    }

    private Path configDir() {
        String dir = env.get("DOCKER_CONFIG");
        return dir != null && !dir.isBlank() ? Path.of(dir) : home.resolve(".docker");
    }

    /** A host from a variable or parameter, with the TLS settings of the environment as the CLI reads them. */
    private EngineEndpoint fromHost(String host, String source) {
        URI uri = uri(host, source);
        String verify = env.get("DOCKER_TLS_VERIFY");
        boolean verifying = verify != null && !verify.isBlank() && !verify.equals("0")
                && !verify.equalsIgnoreCase("false");
        boolean tls = verifying || (env.get("DOCKER_TLS") != null && !env.get("DOCKER_TLS").isBlank());
        if (!tls || !"tcp".equals(uri.getScheme())) {
            return new EngineEndpoint(uri, null, false, source);
        }
        String certPath = env.get("DOCKER_CERT_PATH");
        Path dir = certPath != null && !certPath.isBlank() ? Path.of(certPath) : configDir();
        for (String file : verifying ? List.of("ca.pem", "cert.pem", "key.pem") : List.of("cert.pem", "key.pem")) {
            if (!Files.isRegularFile(dir.resolve(file))) {
                throw new EngineUnavailableException(source + " is " + host + " with TLS (DOCKER_TLS_VERIFY), but "
                        + dir.resolve(file) + " does not exist: set DOCKER_CERT_PATH to the directory that holds "
                        + "ca.pem, cert.pem and key.pem", null);
            }
        }
        return new EngineEndpoint(uri, dir, verifying, source + ", TLS");
    }

    static URI uri(String host, String source) {
        try {
            URI uri = new URI(host);
            String scheme = uri.getScheme();
            if (scheme == null || !List.of("unix", "tcp", "ssh", "npipe").contains(scheme)) {
                throw new EngineUnavailableException(source + " is \"" + host + "\", which is no engine address: use "
                        + "unix:///path/to/docker.sock, tcp://host:2376 or ssh://user@host", null);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new EngineUnavailableException(source + " is \"" + host + "\", which is no engine address ("
                    + e.getReason() + "): use unix:///path/to/docker.sock, tcp://host:2376 or ssh://user@host", null);
        }
    }
}
