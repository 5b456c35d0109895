package io.devstack.core.compose;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GoDurationTest {
    @Test
    void singleUnits() {
        assertEquals(Duration.ofSeconds(10), GoDuration.parse("10s"));
        assertEquals(Duration.ofMillis(500), GoDuration.parse("500ms"));
        assertEquals(Duration.ofMinutes(2), GoDuration.parse("2m"));
        assertEquals(Duration.ofHours(1), GoDuration.parse("1h"));
        assertEquals(Duration.ofNanos(2_000), GoDuration.parse("2us"));
        assertEquals(Duration.ofNanos(3_000), GoDuration.parse("3µs"));
        assertEquals(Duration.ofNanos(100), GoDuration.parse("100ns"));
    }

    @Test
    void combinedUnits() {
        assertEquals(Duration.ofSeconds(90), GoDuration.parse("1m30s"));
        assertEquals(Duration.ofSeconds(3723), GoDuration.parse("1h2m3s"));
        assertEquals(Duration.ofMillis(1_250), GoDuration.parse("1s250ms"));
    }

    @Test
    void minutesAreNotConfusedWithMilliseconds() {
        assertEquals(Duration.ofMinutes(5).plusMillis(5), GoDuration.parse("5m5ms"));
    }

    @Test
    void fractions() {
        assertEquals(Duration.ofMillis(1_500), GoDuration.parse("1.5s"));
        assertEquals(Duration.ofMinutes(90), GoDuration.parse("1.5h"));
    }

    @Test
    void fractionsAreExact() {
        assertEquals(Duration.ofMinutes(138), GoDuration.parse("2.3h"));
    }

    @Test
    void bareNumberIsSeconds() {
        assertEquals(Duration.ofSeconds(30), GoDuration.parse("30"));
        assertEquals(Duration.ZERO, GoDuration.parse("0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "10x", "10 s", " 10s", "10s ", "1m30", "ten seconds", "-5s", "1d"})
    void rejectsWhatGoRejects(String text) {
        assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(text));
    }
}
