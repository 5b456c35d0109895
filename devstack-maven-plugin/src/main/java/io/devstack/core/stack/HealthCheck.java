package io.devstack.core.stack;

import java.time.Duration;
import java.util.List;

/**
 * {@code healthcheck:} of a service. {@code test} is in Docker's form ({@code CMD ...}, {@code CMD-SHELL ...}
 * or {@code NONE}); null fields keep the image's own value.
 */
public record HealthCheck(List<String> test, Duration interval, Duration timeout, Integer retries,
                          Duration startPeriod, boolean disabled) {

    /** The record's own form, written out: see {@link RecordText}. */
    @Override
    public String toString() {
        return new RecordText("HealthCheck").add("test", test).add("interval", interval).add("timeout", timeout)
                .add("retries", retries).add("startPeriod", startPeriod).add("disabled", disabled).toString();
    }
}
