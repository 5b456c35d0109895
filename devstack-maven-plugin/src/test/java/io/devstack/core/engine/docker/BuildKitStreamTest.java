package io.devstack.core.engine.docker;

import io.devstack.core.Progress;
import io.devstack.core.engine.BuildRequest;
import io.devstack.core.engine.ImageBuildException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fixtures are real responses of Docker 20.10's {@code POST /build?version=2}. */
class BuildKitStreamTest {
    private final List<String> lines = new ArrayList<>();
    private final Progress progress = new Progress() {
        @Override
        public void info(String line) {
            lines.add(line);
        }

        @Override
        public void warn(String line) {
            lines.add(line);
        }
    };

    private InputStream fixture(String name) {
        return getClass().getResourceAsStream("/buildkit/" + name);
    }

    @Test
    void successfulBuildGivesTheImageIdAndEachStepOnce() throws IOException {
        String id = new BuildKitStream(progress).read(fixture("success.jsonl"), "t");
        assertEquals("sha256:5a9a0dbeda5dccdd95f836a0c14e529469827ae1bcc61d99d48cbec67548252a", id);
        assertEquals(List.of("[1/2] FROM docker.io/devstack-it/debian:bookworm (cached)", "[2/2] RUN echo hi > /y"),
                lines, "steps, announced once each as they start; [internal] steps left out");
    }

    @Test
    void failedStepIsNamedWithItsErrorAndOutputTail() {
        ImageBuildException e = assertThrows(ImageBuildException.class,
                () -> new BuildKitStream(progress).read(fixture("failing-run.jsonl"), "app:1"));
        String message = e.getMessage();
        assertTrue(message.startsWith("building app:1 failed at [2/2] RUN echo out-line-1 && echo err-line >&2 "
                + "&& exit 3: executor failed running"), message);
        assertTrue(message.contains("exit code: 3"), message);
        assertTrue(message.contains("output tail:\n    "), message);
        assertTrue(message.contains("out-line-1") && message.contains("err-line"), message);
    }

    @Test
    void streamWithoutImageIdIsAFailure() {
        BuildKitStream stream = new BuildKitStream(progress);
        assertThrows(ImageBuildException.class, () -> stream.result("x"));
    }

    @Test
    void queryCarriesTagsArgsLabelsAndTargetEncoded() {
        String query = BuildKitBuilder.query(new BuildRequest(Path.of("."), List.of(), "docker/Dockerfile",
                Set.of("app:1"), Map.of("A", "x y"), "runtime", Map.of("io.devstack.project", "p")));
        assertTrue(query.startsWith("version=2&dockerfile=docker%2FDockerfile&t=app%3A1&"), query);
        assertTrue(query.contains("&target=runtime"), query);
        assertTrue(query.contains("&buildargs=%7B%22A%22%3A%22x%20y%22%7D"), query);
        assertTrue(query.contains("&labels=%7B%22io.devstack.project%22%3A%22p%22%7D"), query);
        assertTrue(query.contains("pull=0"), query);
    }

    @Test
    void buildKitIsSkippedForOldEnginesAndWhenTheUserOptsOut() {
        assertTrue(BuildKitBuilder.wanted("1.41", null));
        assertFalse(BuildKitBuilder.wanted("1.38", null));
        assertFalse(BuildKitBuilder.wanted("1.41", "0"));
        assertTrue(BuildKitBuilder.wanted("1.41", "1"));
    }

    @Test
    void malformedTraceIsRejectedNotMisread() {
        assertThrows(IllegalArgumentException.class, () -> BuildKitTrace.decode(new byte[]{0x0a, 0x7f}));
    }
}
