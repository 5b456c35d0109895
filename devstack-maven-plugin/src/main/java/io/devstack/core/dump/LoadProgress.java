package io.devstack.core.dump;

import io.devstack.core.Durations;
import io.devstack.core.Progress;

import java.util.Locale;
import java.util.function.LongConsumer;

/** Reports a long load every few seconds: bytes, percent and rate; quiet for loads that finish quickly. */
final class LoadProgress implements LongConsumer {
    private static final long EVERY_NANOS = 3_000_000_000L;
    private final Progress progress;
    private final String shown;
    private final long total;
    private final long start;
    private long lastReport;

    LoadProgress(Progress progress, String shown, long total, long start) {
        this.progress = progress;
        this.shown = shown;
        this.total = total;
        this.start = start;
        this.lastReport = start;
    }

    @Override
    public void accept(long sent) {
        long now = System.nanoTime();
        if (now - lastReport < EVERY_NANOS || sent >= total) {
            return;
        }
        lastReport = now;
        double seconds = (now - start) / 1e9;
        progress.info(String.format(Locale.ROOT, "loading %s: %d%% (%s of %s, %s/s)", shown, sent * 100 / total,
                Durations.bytes(sent), Durations.bytes(total), Durations.bytes((long) (sent / seconds))));
    }
}
