package io.devstack.core.engine.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The engine's reason in plain words. docker-java reports an API error as {@code Status 400: {"message":"…"}}; the
 * JSON is decoded (so quotes are quotes, not {@code \"}), and only the first line is kept.
 */
final class EngineMessages {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EngineMessages() {
    }

    static String readable(Throwable e) {
        Throwable cause = e;
        // a transport failure wraps the useful one (connection refused, broken pipe)
        while (cause.getCause() != null && (cause.getMessage() == null
                || cause.getMessage().equals(cause.getCause().toString()))) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        int json = message.indexOf('{');
        if (json >= 0 && (json == 0 || message.startsWith("Status "))) {
            try {
                JsonNode node = JSON.readTree(message.substring(json));
                if (node.hasNonNull("message")) {
                    message = node.get("message").asText();
                }
            } catch (java.io.IOException notJson) {
                // keep the text as it came
            }
        }
        // the first line, and the next one when it ends in a colon: the reason comes after it
        java.util.List<String> lines = message.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty()) {
            return message.strip();
        }
        return lines.get(0).endsWith(":") && lines.size() > 1 ? lines.get(0) + " " + lines.get(1) : lines.get(0);
    }
}
