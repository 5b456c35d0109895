package io.devstack.core.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import io.devstack.core.engine.EngineInfo;
import io.devstack.core.engine.EngineUnavailableException;
import io.devstack.core.engine.discovery.EngineEndpoint;

import java.time.Duration;

/**
 * Opens a docker-java client on the endpoint discovery chose and agrees on an API version:
 * ask {@code /version} unversioned, then pin the lower of the daemon's version and the newest we know.
 */
final class DockerClients {
    /** Oldest API with everything devstack uses (mounts, healthcheck start period, network aliases at create). */
    static final String MIN_API = "1.32";
    /** Newest API docker-java 3.7 models; newer daemons still accept it. */
    static final String MAX_API = "1.47";

    private DockerClients() {
    }

    /** {@code http} is the client's own transport, for the few calls docker-java does not model. */
    record Connected(DockerClient client, DockerHttpClient http, EngineInfo info) {
    }

    /** {@code transport}: where the bytes go — the endpoint itself, or the local end of its ssh tunnel. */
    static Connected connect(EngineEndpoint endpoint, EngineEndpoint transport) {
        DefaultDockerClientConfig probeConfig = config(transport).build();
        String host = endpoint.host().toString();
        // one transport for the unversioned probe and the pinned client: the probe client is dropped, not closed,
        // since closing it would close the transport
        DockerHttpClient http = http(probeConfig, transport);
        Version version;
        try {
            version = DockerClientImpl.getInstance(probeConfig, http).versionCmd().exec();
        } catch (RuntimeException e) {
            closeQuietly(http);
            throw unreachable(endpoint, e);
        }
        String serverApi = version.getApiVersion();
        if (compare(serverApi, MIN_API) < 0) {
            closeQuietly(http);
            throw new EngineUnavailableException("The Docker engine at " + host + " speaks API " + serverApi
                    + " but devstack needs " + MIN_API + " or newer: upgrade Docker (17.09 or later).", null);
        }
        String agreed = compare(serverApi, MAX_API) < 0 ? serverApi : MAX_API;
        boolean podman = answersAsPodman(http);
        DefaultDockerClientConfig config = config(transport).withApiVersion(agreed).build();
        return new Connected(DockerClientImpl.getInstance(config, http), http,
                new EngineInfo(host, version.getVersion(), agreed, endpoint.foundVia(), endpoint.remoteHost(), podman));
    }

    /** Podman's Docker-compatible API says so in its {@code /_ping} headers (Libpod-Api-Version). */
    private static boolean answersAsPodman(DockerHttpClient http) {
        DockerHttpClient.Request ping = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET).path("/_ping").build();
        try (DockerHttpClient.Response response = http.execute(ping)) {
            return response.getHeaders().keySet().stream().anyMatch(h -> h.equalsIgnoreCase("Libpod-Api-Version"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Exactly the endpoint discovery chose: docker-java's own reading of the environment is overridden. */
    private static DefaultDockerClientConfig.Builder config(EngineEndpoint endpoint) {
        return DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(endpoint.host().toString())
                .withDockerTlsVerify(endpoint.tls() && endpoint.verify())
                .withDockerCertPath(endpoint.tls() ? endpoint.tlsDir().toString() : null);
    }

    /** Our own socket transport where no TLS is spoken; docker-java's Apache transport for TLS. */
    private static DockerHttpClient http(DefaultDockerClientConfig config, EngineEndpoint transport) {
        if (!transport.tls() && SocketHttpClient.supports(transport.host())) {
            return new SocketHttpClient(transport.host());
        }
        return new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(5))
                .build();
    }

    private static void closeQuietly(DockerHttpClient http) {
        try {
            http.close();
        } catch (java.io.IOException | RuntimeException ignored) {
            // a transport that never connected can fail to close; nothing to do
        }
    }

    private static EngineUnavailableException unreachable(EngineEndpoint endpoint, RuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        String via = endpoint.foundVia();
        String fix = via.startsWith("DOCKER_HOST")
                ? "DOCKER_HOST is set to " + endpoint.host() + ": point it at a running engine, or unset it to use "
                        + "the default socket"
                : via.startsWith("devstack.dockerHost")
                ? "-Ddevstack.dockerHost / <dockerHost> is " + endpoint.host() + ": point it at a running engine"
                : via.startsWith("context ")
                ? "the docker " + via + " names it: start that engine, or switch context (docker context use default)"
                : "start the Docker engine (e.g. `sudo systemctl start docker` or `sudo dockerd &`), "
                        + "or set DOCKER_HOST to a running engine";
        // a TLS port spoken to in plain TCP resets the connection: say what is missing
        String tlsHint = "tcp".equals(endpoint.host().getScheme()) && !endpoint.tls()
                ? " If that engine speaks TLS (port 2376, say), set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH to the "
                        + "directory with ca.pem, cert.pem and key.pem." : "";
        return new EngineUnavailableException("Cannot reach the Docker engine at " + endpoint.host() + " (" + why
                + "): " + fix + "." + tlsHint, e);
    }

    static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int xi = i < x.length ? Integer.parseInt(x[i]) : 0;
            int yi = i < y.length ? Integer.parseInt(y[i]) : 0;
            if (xi != yi) {
                return Integer.compare(xi, yi);
            }
        }
        return 0;
    }

    static void closeQuietly(DockerClient client) {
        try {
            client.close();
        } catch (Exception ignored) {
            // closing a client that never connected can fail; nothing to do
        }
    }
}
