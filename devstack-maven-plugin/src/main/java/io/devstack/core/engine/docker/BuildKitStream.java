package io.devstack.core.engine.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devstack.core.Progress;
import io.devstack.core.engine.ImageBuildException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads the JSON message stream of a BuildKit build ({@code POST /build?version=2}): Dockerfile steps become
 * progress lines as they start, each step's output is kept as a short tail, and a failure is reported with the
 * step, its error and that tail.
 */
final class BuildKitStream {
    private static final int TAIL_LINES = 15;
    /** Output without a line break (a progress bar redrawn with \r) is cut into lines of at most this many bytes. */
    private static final int MAX_LINE = 4096;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Progress progress;
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, Deque<String>> tails = new HashMap<>();
    private final Map<String, java.io.ByteArrayOutputStream> partial = new HashMap<>();
    private final Set<String> announced = new HashSet<>();
    private String failedStep;
    private String failedVertex;
    private String imageId;
    private String error;

    BuildKitStream(Progress progress) {
        this.progress = progress;
    }

    /** Consumes the whole response; returns the built image id or throws naming the failed step. */
    String read(InputStream body, String what) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        for (String line; (line = reader.readLine()) != null; ) {
            if (!line.isBlank()) {
                accept(JSON.readTree(line));
            }
        }
        return result(what);
    }

    void accept(JsonNode message) {
        if (message.hasNonNull("error")) {
            error = message.get("error").asText();
            return;
        }
        String id = message.path("id").asText("");
        if ("moby.image.id".equals(id) || (id.isEmpty() && message.path("aux").has("ID"))) {
            // the classic builder's form too, from engines that answer version=2 without BuildKit
            imageId = message.path("aux").path("ID").asText(null);
        } else if ("moby.buildkit.trace".equals(id) && message.path("aux").isTextual()) {
            try {
                trace(BuildKitTrace.decode(Base64.getDecoder().decode(message.get("aux").asText())));
            } catch (IllegalArgumentException e) {
                // the trace only feeds progress and the output tail: a message we cannot read is skipped
            }
        }
    }

    private void trace(BuildKitTrace.Status status) {
        for (BuildKitTrace.Vertex vertex : status.vertexes()) {
            if (vertex.name() != null) {
                names.put(vertex.digest(), vertex.name());
            }
            boolean step = vertex.name() != null && vertex.name().startsWith("[") && !vertex.name().startsWith("[internal]");
            if (step && (vertex.started() || vertex.cached()) && announced.add(vertex.digest())) {
                progress.detail(vertex.name() + (vertex.cached() ? " (cached)" : ""));
            }
            // siblings of a failed step are cancelled: the step that really failed is the one to name
            boolean failed = vertex.error() != null && !vertex.error().isEmpty()
                    && !vertex.error().contains("context canceled");
            if (failed && failedStep == null) {
                failedStep = vertex.name() != null ? vertex.name() : names.get(vertex.digest());
                failedVertex = vertex.digest();
            }
        }
        for (BuildKitTrace.Log log : status.logs()) {
            java.io.ByteArrayOutputStream pending = partial.computeIfAbsent(log.vertex(),
                    v -> new java.io.ByteArrayOutputStream());
            for (byte b : log.message()) {
                if (b == '\n' || b == '\r') {
                    endLine(log.vertex(), pending);
                } else {
                    pending.write(b);
                    if (pending.size() >= MAX_LINE) {
                        endLine(log.vertex(), pending);
                    }
                }
            }
        }
    }

    /** Bytes up to a line break become one line of the step's tail (decoded whole, so no character is split). */
    private void endLine(String vertex, java.io.ByteArrayOutputStream pending) {
        String line = pending.toString(StandardCharsets.UTF_8).stripTrailing();
        pending.reset();
        if (line.isEmpty()) {
            return;
        }
        Deque<String> tail = tails.computeIfAbsent(vertex, v -> new ArrayDeque<>());
        tail.addLast(line);
        if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
        }
    }

    String result(String what) {
        if (error == null && imageId != null) {
            return imageId;
        }
        StringBuilder message = new StringBuilder("building " + what + " failed");
        if (failedStep != null) {
            message.append(" at ").append(failedStep);
        }
        message.append(": ").append(error != null ? error : "the engine ended the build without an image id");
        if (failedVertex != null) {
            Deque<String> tail = new ArrayDeque<>(tails.getOrDefault(failedVertex, new ArrayDeque<>()));
            var pending = partial.get(failedVertex);
            String rest = pending == null ? "" : pending.toString(StandardCharsets.UTF_8).strip();
            if (!rest.isEmpty()) {
                tail.addLast(rest);
            }
            if (!tail.isEmpty()) {
                message.append("\n  output tail:\n    ").append(String.join("\n    ", tail));
            }
        }
        throw new ImageBuildException(message.toString());
    }
}
