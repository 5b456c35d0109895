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
    void classicImageIdFormIsAcceptedAndAnUnreadableTraceIsSkipped() throws IOException {
        String body = "{\"id\":\"moby.buildkit.trace\",\"aux\":\"CgF/\"}\n{\"aux\":{\"ID\":\"sha256:abc\"}}\n";
        assertEquals("sha256:abc", new BuildKitStream(progress).read(
                new java.io.ByteArrayInputStream(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "t"));
    }

    @Test
    void cancelledSiblingIsNotTakenForTheFailedStep() throws IOException {
        byte[] cancelled = message(1, vertex("sha256:a", "[stage-1 1/1] RUN sleep 9", "context canceled"));
        byte[] failed = message(1, vertex("sha256:b", "[stage-0 2/2] RUN false", "exit code: 1"));
        byte[] log = message(3, concat(field(1, "sha256:b".getBytes()), field(4, "boom\r\nlast words\n".getBytes())));
        String body = trace(concat(cancelled, failed)) + trace(log) + "{\"error\":\"exit code: 1\"}\n";
        ImageBuildException e = assertThrows(ImageBuildException.class, () -> new BuildKitStream(progress).read(
                new java.io.ByteArrayInputStream(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "t"));
        assertTrue(e.getMessage().startsWith("building t failed at [stage-0 2/2] RUN false: exit code: 1"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("output tail:\n    boom\n    last words"), e.getMessage());
    }

    @Test
    void pingHeadersDecideWhetherBuildKitIsTried() {
        assertTrue(BuildKitBuilder.offered(Map.of()), "Docker 20.10 sends no Builder-Version but has BuildKit");
        assertTrue(BuildKitBuilder.offered(Map.of("builder-version", "2", "ostype", "linux")));
        assertFalse(BuildKitBuilder.offered(Map.of("builder-version", "1")), "turned off by the engine's owner");
        assertFalse(BuildKitBuilder.offered(Map.of("ostype", "windows")));
    }

    private static String trace(byte[] statusResponse) {
        return "{\"id\":\"moby.buildkit.trace\",\"aux\":\"" + java.util.Base64.getEncoder().encodeToString(statusResponse)
                + "\"}\n";
    }

    private static byte[] vertex(String digest, String name, String error) {
        return concat(field(1, digest.getBytes()), field(3, name.getBytes()), field(7, error.getBytes()));
    }

    private static byte[] message(int field, byte[] body) {
        return field(field, body);
    }

    /** A length-delimited protobuf field (lengths here stay below 128, so one byte each). */
    private static byte[] field(int number, byte[] value) {
        return concat(new byte[]{(byte) (number << 3 | 2), (byte) value.length}, value);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void malformedTraceIsRejectedNotMisread() {
        assertThrows(IllegalArgumentException.class, () -> BuildKitTrace.decode(new byte[]{0x0a, 0x7f}));
    }
}
