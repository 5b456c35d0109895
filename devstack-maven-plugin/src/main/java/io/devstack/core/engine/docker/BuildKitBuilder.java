package io.devstack.core.engine.docker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.transport.DockerHttpClient;
import io.devstack.core.Progress;
import io.devstack.core.engine.BuildRequest;
import io.devstack.core.engine.ImageBuildException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds with the engine's BuildKit ({@code POST /build?version=2}), which docker-java does not model. The context
 * is the same streamed tar the classic builder gets; the engine serves it to BuildKit, so no BuildKit session is
 * needed. An engine without BuildKit answers the request with an error before reading any context: that is
 * reported as {@link Unavailable} so the caller can fall back to the classic builder.
 */
final class BuildKitBuilder {
    /** Oldest API with {@code version=2} builds (Docker 18.09). */
    static final String MIN_API = "1.39";

    static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message);
        }
    }

    private BuildKitBuilder() {
    }

    /** BuildKit is tried unless the engine is too old or the user opted out as with the docker CLI. */
    static boolean wanted(String apiVersion, String dockerBuildkitEnv) {
        return DockerClients.compare(apiVersion, MIN_API) >= 0 && !"0".equals(dockerBuildkitEnv)
                && !"false".equalsIgnoreCase(dockerBuildkitEnv);
    }

    /**
     * What {@code /_ping} says: a Windows engine has no BuildKit, and {@code Builder-Version: 1} means the engine's
     * owner turned it off. Engines that do not send the header (Docker 20.10) have it and get tried.
     */
    static boolean offered(DockerHttpClient http) {
        DockerHttpClient.Request ping = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET).path("/_ping").build();
        try (DockerHttpClient.Response response = http.execute(ping)) {
            return offered(response.getHeaders().entrySet().stream()
                    .collect(java.util.stream.Collectors.toMap(e -> e.getKey().toLowerCase(java.util.Locale.ROOT),
                            e -> e.getValue().isEmpty() ? "" : e.getValue().get(0), (a, b) -> a)));
        } catch (RuntimeException e) {
            return false;
        }
    }

    static boolean offered(java.util.Map<String, String> lowerCaseHeaders) {
        return !"windows".equalsIgnoreCase(lowerCaseHeaders.getOrDefault("ostype", "linux"))
                && !"1".equals(lowerCaseHeaders.get("builder-version"));
    }

    static String build(DockerHttpClient http, String apiVersion, BuildRequest request, InputStream context,
                        Progress progress) {
        String what = String.join(", ", request.tags());
        DockerHttpClient.Request call = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.POST)
                .path("/v" + apiVersion + "/build?" + query(request))
                .putHeader("Content-Type", "application/x-tar")
                .body(context)
                .build();
        try (DockerHttpClient.Response response = http.execute(call)) {
            if (response.getStatusCode() != 200) {
                String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
                String message = DockerJavaCalls.firstLine(new RuntimeException(body.strip()));
                // what engines without BuildKit answer, e.g. "buildkit not supported by daemon"
                if (response.getStatusCode() < 500 && message.toLowerCase(java.util.Locale.ROOT)
                        .matches(".*buildkit.*not (supported|enabled).*|.*unsupported.*version.*")) {
                    throw new Unavailable(message);
                }
                throw new ImageBuildException("building " + what + " failed: " + message);
            }
            return new BuildKitStream(progress).read(response.getBody(), what);
        } catch (IOException | RuntimeException e) {
            if (e instanceof Unavailable || e instanceof ImageBuildException) {
                throw (RuntimeException) e;
            }
            // docker-java's transport wraps I/O failures in a plain RuntimeException
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new ImageBuildException("building " + what + " failed: the engine connection broke ("
                    + (root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage()) + ")");
        }
    }

    static String query(BuildRequest request) {
        List<String> params = new ArrayList<>();
        params.add("version=2");
        params.add("dockerfile=" + encode(request.dockerfile()));
        request.tags().stream().sorted().forEach(tag -> params.add("t=" + encode(tag)));
        params.add("rm=1");
        params.add("forcerm=1");
        params.add("pull=0");
        if (request.target() != null) {
            params.add("target=" + encode(request.target()));
        }
        ObjectMapper json = new ObjectMapper();
        try {
            if (!request.args().isEmpty()) {
                params.add("buildargs=" + encode(json.writeValueAsString(request.args())));
            }
            if (!request.labels().isEmpty()) {
                params.add("labels=" + encode(json.writeValueAsString(request.labels())));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return String.join("&", params);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
