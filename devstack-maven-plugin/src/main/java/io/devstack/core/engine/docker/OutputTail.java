package io.devstack.core.engine.docker;

import java.nio.charset.StandardCharsets;

/** Keeps only the last bytes of a stream: a failing 1 MB INSERT is echoed whole to stderr by some clients. */
final class OutputTail {
    private final int limit;
    private final StringBuilder text = new StringBuilder();

    OutputTail(int limit) {
        this.limit = limit;
    }

    synchronized void append(byte[] bytes) {
        text.append(new String(bytes, StandardCharsets.UTF_8));
        if (text.length() > 2 * limit) {
            text.delete(0, text.length() - limit);
        }
    }

    synchronized String value() {
        return text.length() > limit ? text.substring(text.length() - limit) : text.toString();
    }
}
