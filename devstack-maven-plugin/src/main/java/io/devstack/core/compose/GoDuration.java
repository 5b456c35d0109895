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
            nanos += new java.math.BigDecimal(m.group(1)).multiply(java.math.BigDecimal.valueOf(unitNanos(m.group(2))))
                    .longValue();
            at = m.end();
        }
        if (at == 0 || at != text.length()) {
            throw new IllegalArgumentException(text);
        }
        return Duration.ofNanos(nanos);
    }

    private static long unitNanos(String unit) {
        switch (unit) {
            case "h": return 3_600_000_000_000L;
            case "m": return 60_000_000_000L;
            case "s": return 1_000_000_000L;
            case "ms": return 1_000_000L;
            case "us": case "µs": return 1_000L;
            default: return 1L;
        }
    }
}
