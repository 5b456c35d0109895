package io.devstack.core.engine.docker;

import com.github.dockerjava.transport.DockerHttpClient;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Podman runs healthchecks from systemd timers; without systemd (a container, WSL, a CI runner) a container's health
 * stays "starting" for ever. So while devstack looks at a container that is not healthy yet, it runs the check itself
 * through libpod's healthcheck endpoint, at most once per interval (capped at a second, so readiness is not slower
 * than with Docker).
 */
final class PodmanHealthchecks {
    private static final Duration MAX_INTERVAL = Duration.ofSeconds(1);
    private final DockerHttpClient http;
    private final Map<String, Long> lastRun = new ConcurrentHashMap<>();

    PodmanHealthchecks(DockerHttpClient http) {
        this.http = http;
    }

    /**
     * Runs the check when one is due; true when it ran, so the caller looks again: Podman's container state (its
     * failing streak against the retries, the start period) decides the status, not this one run's answer.
     */
    boolean runIfDue(String containerId, Duration interval) {
        long now = System.nanoTime();
        long every = (interval == null || interval.isZero() || interval.compareTo(MAX_INTERVAL) > 0
                ? MAX_INTERVAL : interval).toNanos();
        Long last = lastRun.get(containerId);
        if (last != null && now - last < every) {
            return false;
        }
        lastRun.put(containerId, now);
        DockerHttpClient.Request run = DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.GET)
                .path("/v4.0.0/libpod/containers/" + containerId + "/healthcheck").build();
        try (DockerHttpClient.Response response = http.execute(run); InputStream body = response.getBody()) {
            body.readAllBytes();
            return response.getStatusCode() == 200;
        } catch (IOException | RuntimeException e) {
            return false; // the next look tries again
        }
    }
}
