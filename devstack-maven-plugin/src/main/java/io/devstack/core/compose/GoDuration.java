package io.devstack.core.compose;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as compose writes them (Go syntax): {@code 1h2m3s}, {@code 1m30s}, {@code 500ms}, {@code 10s}, {@code 2us}. */
final class GoDuration {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|m|s|us|µs|ns)");

    private GoDuration() {
    }

    static Duration parse(String text) {
        if (text.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(text));
        }
        Matcher m = PART.matcher(text);
        long nanos = 0;
        int at = 0;
        while (m.find()) {
            if (m.start() != at) {
                throw new IllegalArgumentException(text);
            }
            double amount = Double.parseDouble(m.group(1));
            nanos += (long) (amount * unitNanos(m.group(2)));
            at = m.end();
        }
        if (at == 0 || at != text.length()) {
            throw new IllegalArgumentException(text);
        }
        return Duration.ofNanos(nanos);
    }

    private static double unitNanos(String unit) {
        switch (unit) {
            case "h": return 3600e9;
            case "m": return 60e9;
            case "s": return 1e9;
            case "ms": return 1e6;
            case "us": case "µs": return 1e3;
            default: return 1;
        }
    }
}
