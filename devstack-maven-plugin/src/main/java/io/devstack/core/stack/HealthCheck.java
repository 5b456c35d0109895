package io.devstack.core.stack;

import java.time.Duration;
import java.util.List;

/**
 * {@code healthcheck:} of a service. {@code test} is in Docker's form ({@code CMD ...}, {@code CMD-SHELL ...}
 * or {@code NONE}); null fields keep the image's own value.
 */
public record HealthCheck(List<String> test, Duration interval, Duration timeout, Integer retries,
                          Duration startPeriod, boolean disabled) {
}
