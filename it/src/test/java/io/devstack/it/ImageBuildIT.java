package io.devstack.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code devstack:build} against a real engine: layers ordered by change frequency (a code change replaces only
 * the classes layer, a dependency change the dependencies layer and the chain above it), "nothing to build" for
 * unchanged inputs, the same image id after the image was removed and rebuilt from a clean build, an image that
 * really runs the service as a non-root user with OCI labels, template errors that name file and line, the
 * builder fallback for a RUN instruction, and {@code .dockerignore} honoured for compose {@code build:} contexts.
 * Every assertion is on {@code docker image inspect}, the running container or build.log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImageBuildIT {
    private static final String PROJECT = "dsit-imgbuild";
    private static final String IMAGE = "dsit-imgbuild:1.0";
    private static final String TEMPLATE_PROJECT = "dsit-imgbuild-tpl";
    private static final String TEMPLATE_IMAGE = "dsit-imgbuild-tpl:1.0";
    private static final String CONTEXT_PROJECT = "dsit-imgbuild-ctx";
    private static final String RUN_CONTAINER = "dsit-imgbuild-run";
    private static final String TEMPLATE = "src/main/devstack/Dockerfile.ftl";
    private static final String[] IMAGE_ARGS = {"-Ddevstack.baseImage=" + TestProject.JRE_IMAGE,
            "-Ddevstack.mainClass=io.devstack.sample.SampleService"};

    private TestProject project;
    private List<String> baseLayers;
    /** The image id and RootFS layers after the last successful build of {@link #IMAGE}. */
    private String imageId;
    private List<String> layers;

    @BeforeAll
    void layOut() {
        removeImages();
        DockerCli.removeIfPresent(RUN_CONTAINER);
        baseLayers = rootFs(TestProject.JRE_IMAGE);
        project = TestProject.sample(PROJECT, "image-build");
        // a git checkout of its own, so the revision label is this project's commit (not the enclosing repo's)
        git(project.dir, "init", "-q");
        git(project.dir, "add", "-A");
        git(project.dir, "-c", "user.name=it", "-c", "user.email=it@devstack.invalid", "commit", "-q", "-m", "sample");
    }

    @AfterAll
    void cleanUp() {
        DockerCli.removeIfPresent(RUN_CONTAINER);
        DockerCli.purge(PROJECT);
        DockerCli.purge(TEMPLATE_PROJECT);
        DockerCli.purge(CONTEXT_PROJECT);
        removeImages();
    }

    private static void removeImages() {
        for (String image : List.of(IMAGE, TEMPLATE_IMAGE, CONTEXT_PROJECT + "-app")) {
            DockerCli.tryRun("rmi", "-f", image);
        }
    }

    private BuildResult build(TestProject on, String image, String... goals) {
        List<String> args = new ArrayList<>(Arrays.asList(goals));
        args.addAll(Arrays.asList(IMAGE_ARGS));
        args.add("-Ddevstack.image=" + image);
        return on.mvn(args.toArray(new String[0]));
    }

    @Test
    @Order(1)
    void firstBuildStacksDependenciesResourcesClassesOnTheBaseImage() {
        BuildResult build = build(project, IMAGE, "package", "devstack:build").assertSuccess();
        imageId = imageId(IMAGE);
        layers = rootFs(IMAGE);
        assertEquals(List.of("dependencies", "resources", "classes"), changedLayers(build, IMAGE));
        assertTrue(build.linesWith("image " + IMAGE + " built (").get(0).contains("(" + shortId(imageId) + ")"),
                () -> "the log names the image id " + imageId + ": " + build.linesWith("image " + IMAGE));
        assertEquals(baseLayers.size() + 3, layers.size(), () -> "base layers plus three: " + layers);
        assertEquals(baseLayers, layers.subList(0, baseLayers.size()), "the base image's layers come first, untouched");
        String libs = runIn(IMAGE, "ls", "/app/libs");
        assertTrue(libs.contains("mariadb-java-client-3.5.7.jar"), libs);
        String classes = runIn(IMAGE, "find", "/app/classes", "-type", "f");
        assertTrue(classes.contains("/app/classes/io/devstack/sample/SampleService.class"), classes);
        assertTrue(classes.contains("/app/classes/sample-build.properties"), classes);
    }

    @Test
    @Order(2)
    void sameInputsAgainBuildNothingAndKeepTheId() {
        BuildResult build = build(project, IMAGE, "package", "devstack:build").assertSuccess()
                .assertLogContains("image " + IMAGE + " is up to date (" + shortId(imageId) + "); nothing to build")
                .assertLogLacks("image " + IMAGE + " built");
        assertEquals(imageId, imageId(IMAGE));
        assertEquals(layers, rootFs(IMAGE));
        assertTrue(build.linesWith("Step 1/").isEmpty() && build.linesWith(" with BuildKit").isEmpty()
                && build.linesWith(" with the classic builder").isEmpty(), "the builder was not called");
    }

    @Test
    @Order(3)
    void imageRunsTheServiceAsNonRootWithOciLabels() throws Exception {
        String user = DockerCli.run("image", "inspect", "--format", "{{.Config.User}}", IMAGE);
        assertFalse(user.isEmpty() || user.equals("root") || user.equals("0") || user.startsWith("0:")
                || user.startsWith("root:"), "the image must not run as root, Config.User is '" + user + "'");
        assertEquals("sample-service", label(IMAGE, "org.opencontainers.image.title"));
        assertEquals("1.0-SNAPSHOT", label(IMAGE, "org.opencontainers.image.version"));
        assertEquals(git(project.dir, "rev-parse", "HEAD"), label(IMAGE, "org.opencontainers.image.revision"),
                "the revision label is the project's commit");

        int port = TestProject.freePort();
        DockerCli.run("run", "-d", "--name", RUN_CONTAINER, "-p", "127.0.0.1:" + port + ":8080",
                "-e", "DB_URL=jdbc:mariadb://nowhere:3306/x", IMAGE);
        try {
            HttpResponse<String> health = awaitHttp("http://127.0.0.1:" + port + "/health", Duration.ofSeconds(90));
            assertTrue(health.statusCode() == 503 || health.statusCode() == 200,
                    "GET /health: " + health.statusCode() + " " + health.body());
            assertNotEquals("0", DockerCli.exec(RUN_CONTAINER, "id", "-u"), "the process does not run as root");
            assertTrue(DockerCli.run("logs", RUN_CONTAINER).contains("sample-service listening on port 8080"),
                    () -> DockerCli.run("logs", RUN_CONTAINER));
        } finally {
            DockerCli.removeIfPresent(RUN_CONTAINER);
        }
    }

    @Test
    @Order(4)
    void removedImageRebuiltFromACleanBuildHasTheSameId() {
        DockerCli.run("rmi", IMAGE);
        assertTrue(DockerCli.tryRun("image", "inspect", imageId).exitCode() != 0,
                "the image " + imageId + " is really gone (no other tag holds it)");
        // clean: every class file and jar copy is written anew, with new timestamps
        BuildResult build = build(project, IMAGE, "clean", "package", "devstack:build").assertSuccess()
                .assertLogContains("image " + IMAGE + " built (" + shortId(imageId) + ")");
        assertEquals(imageId, imageId(IMAGE), "the same inputs give the same image id");
        assertEquals(layers, rootFs(IMAGE));
        assertEquals(List.of("dependencies", "resources", "classes"), changedLayers(build, IMAGE));
    }

    @Test
    @Order(5)
    void codeOnlyChangeReplacesOnlyTheClassesLayer() {
        String source = "src/main/java/io/devstack/sample/SampleService.java";
        String java = project.read(source);
        assertTrue(java.contains("\"sample-service listening on port \""));
        project.file(source, java.replace("\"sample-service listening on port \"",
                "\"sample-service (changed) listening on port \""));

        BuildResult build = build(project, IMAGE, "package", "devstack:build").assertSuccess();
        assertEquals(List.of("classes"), changedLayers(build, IMAGE), "only the classes layer changed");
        List<String> now = rootFs(IMAGE);
        assertEquals(layers.size(), now.size(), () -> "same number of layers: " + layers + " -> " + now);
        assertEquals(layers.subList(0, layers.size() - 1), now.subList(0, now.size() - 1),
                "every layer below classes (base, dependencies, resources) is identical");
        assertNotEquals(layers.get(layers.size() - 1), now.get(now.size() - 1), "the classes layer is new");
        String newId = imageId(IMAGE);
        assertNotEquals(imageId, newId);
        imageId = newId;
        layers = now;
    }

    @Test
    @Order(6)
    void dependencyChangeReplacesTheDependenciesLayerAndTheChainAboveIt() {
        String pom = project.read("pom.xml");
        assertEquals(1, pom.split("</dependencies>", -1).length - 1);
        project.file("pom.xml", pom.replace("</dependencies>", "  <dependency>\n      <groupId>org.slf4j</groupId>"
                + "<artifactId>slf4j-api</artifactId><version>2.0.16</version>\n    </dependency>\n  </dependencies>"));

        BuildResult build = build(project, IMAGE, "package", "devstack:build").assertSuccess();
        List<String> changed = changedLayers(build, IMAGE);
        assertFalse(changed.isEmpty(), build::tail);
        assertEquals("dependencies", changed.get(0), () -> "the dependencies layer changed: " + changed);
        List<String> now = rootFs(IMAGE);
        int deps = baseLayers.size();
        assertEquals(layers.size(), now.size(), () -> layers + " -> " + now);
        assertEquals(baseLayers, now.subList(0, deps), "the base layers are untouched");
        assertNotEquals(layers.get(deps), now.get(deps), "the dependencies layer is new");
        // the layers above hold the same files (same content digest), but sit on a new parent: new chain ids
        assertEquals(layers.subList(deps + 1, layers.size()), now.subList(deps + 1, now.size()),
                "resources and classes did not change in content");
        List<String> chainBefore = chainIds(layers);
        List<String> chainNow = chainIds(now);
        for (int i = deps; i < now.size(); i++) {
            assertNotEquals(chainBefore.get(i), chainNow.get(i), "layer " + i + " and above are new in the chain");
        }
        assertNotEquals(imageId, imageId(IMAGE));
        assertTrue(runIn(IMAGE, "ls", "/app/libs").contains("slf4j-api-2.0.16.jar"));
        imageId = imageId(IMAGE);
        layers = now;
    }

    @Test
    @Order(7)
    void historyKeepsTheBaseImageStepsAndGivesEachCopyItsOwnSize() {
        // size and step of each base row: an imported base's first row has an empty step
        List<String> base = DockerCli.lines(DockerCli.run("history", "--no-trunc", "--human=false", "--format",
                "{{.Size}}|{{.CreatedBy}}", TestProject.JRE_IMAGE));
        List<String> rows = DockerCli.lines(DockerCli.run("history", "--no-trunc", "--human=false", "--format",
                "{{.Size}}|{{.CreatedBy}}", IMAGE));
        assertTrue(rows.size() == base.size() + 3 && rows.subList(3, rows.size()).equals(base),
                () -> "docker history of " + IMAGE + " keeps the base image's steps below its own; base:\n  " + String.join("\n  ", base) + "\nimage:\n  " + String.join("\n  ", rows));
        List<String> deps = rows.stream().filter(r -> r.contains("layers/dependencies/")).toList();
        assertEquals(1, deps.size(), () -> String.join("\n", rows));
        long size = Long.parseLong(deps.get(0).substring(0, deps.get(0).indexOf('|')));
        // mariadb-java-client 3.5.7 and slf4j-api 2.0.16: well under a MiB, not the base's 100+ MB
        assertTrue(size > 100_000 && size < 5_000_000, () -> "size of the dependencies COPY in docker history: "
                + size + "\n" + String.join("\n", rows));
    }

    @Test
    @Order(8)
    void templateSyntaxErrorFailsNamingTheTemplateAndLine() {
        TestProject tpl = TestProject.sample(TEMPLATE_PROJECT, "image-build");
        tpl.file(TEMPLATE, """
                FROM ${baseImage}
                <#list layers as layer>
                COPY ${layer.source} ${layer.target}
                </#list>
                USER ${user +}
                ENTRYPOINT ["java", "-cp", "${classpath}", "${mainClass}"]
                """);
        String error = templateError(tpl);
        assertTrue(error.contains("line 5"), () -> "names line 5: " + error);
    }

    @Test
    @Order(9)
    void undefinedVariableInTemplateFailsNamingTheTemplateLineAndVariable() {
        TestProject tpl = TestProject.sample(TEMPLATE_PROJECT, "image-build");
        tpl.file(TEMPLATE, """
                FROM ${baseImage}
                <#list layers as layer>
                COPY ${layer.source} ${layer.target}
                </#list>
                USER ${user}
                ENTRYPOINT ["java", "-cp", "${classpath}", "${mainKlass}"]
                """);
        String error = templateError(tpl);
        assertTrue(error.contains("line 6"), () -> "names line 6: " + error);
        assertTrue(error.contains("mainKlass"), () -> "names the undefined variable mainKlass: " + error);
    }

    @Test
    @Order(10)
    void templateWithRunFallsBackToTheEnginesBuilder() {
        TestProject tpl = TestProject.sample(TEMPLATE_PROJECT, "image-build");
        tpl.file(TEMPLATE, """
                FROM ${baseImage}
                <#list layers as layer>
                COPY ${layer.source} ${layer.target}
                </#list>
                RUN echo made-by-run > /app/run.txt
                WORKDIR /app
                USER ${user}
                ENTRYPOINT ["java", "-cp", "${classpath}", "${mainClass}"]
                """);
        BuildResult build = build(tpl, TEMPLATE_IMAGE, "package", "devstack:build").assertSuccess();
        List<String> built = build.linesWith("image " + TEMPLATE_IMAGE + " built (");
        assertEquals(1, built.size(), build::tail);
        assertTrue(built.get(0).contains("by the engine's builder"), built::toString);
        build.assertLogContains("building " + TEMPLATE_IMAGE + " with BuildKit"); // this engine (20.10) offers it
        assertFalse(build.linesWith("] RUN echo made-by-run > /app/run.txt").isEmpty(), "BuildKit steps are shown: "
                + build.tail());
        assertEquals("made-by-run", runIn(TEMPLATE_IMAGE, "cat", "/app/run.txt"));
        assertTrue(runIn(TEMPLATE_IMAGE, "ls", "/app/libs").contains("mariadb-java-client-3.5.7.jar"));
        assertEquals("sample-service", label(TEMPLATE_IMAGE, "org.opencontainers.image.title"));
        assertEquals("1.0-SNAPSHOT", label(TEMPLATE_IMAGE, "org.opencontainers.image.version"));
        String id = imageId(TEMPLATE_IMAGE);
        assertTrue(built.get(0).contains("(" + shortId(id) + ")"), built::toString);

        build(tpl, TEMPLATE_IMAGE, "package", "devstack:build").assertSuccess()
                .assertLogContains("image " + TEMPLATE_IMAGE + " is up to date (" + shortId(id) + "); nothing to build");
        assertEquals(id, imageId(TEMPLATE_IMAGE));
    }

    @Test
    @Order(11)
    void failingRunStepIsNamedWithItsOutputTail() {
        TestProject tpl = TestProject.sample(TEMPLATE_PROJECT, "image-build");
        tpl.file(TEMPLATE, """
                FROM ${baseImage}
                RUN echo first-output-line && echo second-output-line >&2 && exit 7
                ENTRYPOINT ["java", "-cp", "${classpath}", "${mainClass}"]
                """);
        DockerCli.tryRun("rmi", "-f", TEMPLATE_IMAGE);
        BuildResult failed = build(tpl, TEMPLATE_IMAGE, "package", "devstack:build").assertFailure();
        String error = failed.goalError();
        assertTrue(error.contains("RUN echo first-output-line"), () -> "names the step: " + error);
        assertTrue(error.contains("exit code: 7"), () -> "gives the exit code: " + error);
        // the step's own output, as lines of the tail below the error (the step line only echoes the command)
        assertTrue(failed.linesWith("second-output-line").stream()
                        .anyMatch(l -> l.replace("[ERROR]", "").strip().equals("second-output-line")),
                () -> "shows the output tail: " + failed.tail());
        assertTrue(DockerCli.tryRun("image", "inspect", TEMPLATE_IMAGE).exitCode() != 0, "no image was made");
    }

    @Test
    @Order(12)
    void dockerBuildkitZeroSelectsTheClassicBuilder() {
        TestProject tpl = TestProject.sample(TEMPLATE_PROJECT, "image-build").env("DOCKER_BUILDKIT", "0");
        tpl.file(TEMPLATE, """
                FROM ${baseImage}
                RUN echo classic > /tmp/by.txt
                ENTRYPOINT ["java", "-cp", "${classpath}", "${mainClass}"]
                """);
        build(tpl, TEMPLATE_IMAGE, "package", "devstack:build").assertSuccess()
                .assertLogContains("building " + TEMPLATE_IMAGE + " with the classic builder")
                .assertLogLacks(" with BuildKit");
        assertEquals("classic", runIn(TEMPLATE_IMAGE, "cat", "/tmp/by.txt"));
    }

    @Test
    @Order(13)
    void composeBuildContextHonoursDockerignore() throws IOException {
        TestProject ctx = TestProject.sample(CONTEXT_PROJECT, "image-build-context");
        deleteTree(ctx.dir.resolve("dumps")); // the overlay's stack has no db service
        // big enough that the size line would show it had it been sent
        ctx.file("secret.txt", "top secret\n".repeat(200_000));

        BuildResult up = ctx.mvn("devstack:up").assertSuccess();
        List<String> sizeLines = up.linesWith("build context of service app: ");
        assertEquals(1, sizeLines.size(), up::tail);
        long expectedBytes = expectedContextBytes(ctx.dir);
        assertTrue(expectedBytes < 100 * 1024, "the context without secret.txt is small: " + expectedBytes);
        assertTrue(sizeLines.get(0).matches(".*build context of service app: \\d+ entries, "
                        + java.util.regex.Pattern.quote(bytes(expectedBytes)) + "$"),
                () -> "expected " + bytes(expectedBytes) + " (secret.txt and *.tmp not counted): " + sizeLines);

        String container = DockerCli.containerOf(CONTEXT_PROJECT, "app");
        List<String> top = DockerCli.lines(DockerCli.exec(container, "ls", "-A", "/ctx"));
        List<String> sub = DockerCli.lines(DockerCli.exec(container, "ls", "-A", "/ctx/sub"));
        assertFalse(top.contains("secret.txt"), () -> "secret.txt reached the image: " + top);
        assertFalse(top.contains("x.tmp"), () -> "x.tmp reached the image: " + top);
        assertTrue(top.contains("keep.tmp"), () -> "keep.tmp is re-included by !keep.tmp: " + top);
        assertTrue(top.contains("pom.xml") && top.contains("src"), top::toString);
        assertFalse(sub.contains("deep.tmp"), () -> "sub/deep.tmp reached the image: " + sub);
        assertFalse(sub.contains("keep.tmp"), () -> "!keep.tmp re-includes only the top-level file: " + sub);
        assertTrue(sub.contains("keep.txt"), sub::toString);
        assertFalse(top.stream().anyMatch(f -> f.startsWith("build-") && f.endsWith(".log")), top::toString);
    }

    // ---------------------------------------------------------------------------------------------------------

    /** The goal error of a build with a broken template; it names the template and leaves no image behind. */
    private String templateError(TestProject tpl) {
        String error = build(tpl, TEMPLATE_IMAGE, "package", "devstack:build").assertFailure().goalError();
        assertTrue(error.contains(tpl.dir.resolve(TEMPLATE).toString()) || error.contains(TEMPLATE),
                () -> "names the template: " + error);
        assertTrue(DockerCli.tryRun("image", "inspect", TEMPLATE_IMAGE).exitCode() != 0, "no image was made");
        return error;
    }

    /** Sum of the file sizes the context must hold: everything but what the overlay's .dockerignore excludes. */
    private static long expectedContextBytes(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            long total = 0;
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                boolean excluded = rel.equals("secret.txt") || rel.matches("build-\\d+\\.log")
                        || rel.endsWith(".tmp") && !rel.equals("keep.tmp");
                if (!excluded) {
                    total += Files.size(p);
                }
            }
            return total;
        }
    }

    /** As devstack prints sizes (io.devstack.core.Durations#bytes). */
    private static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
    }

    /** The layer names of the "image X built (...) in ...; layers changed: a (1 KiB), b (2 KiB)" line. */
    private static List<String> changedLayers(BuildResult build, String image) {
        List<String> lines = build.linesWith("image " + image + " built (");
        assertEquals(1, lines.size(), () -> "one 'built' line expected, see " + build.logFile() + "\n" + build.tail());
        String line = lines.get(0);
        int at = line.indexOf("; layers changed: ");
        assertTrue(at > 0, () -> "the built line lists the changed layers: " + line);
        List<String> names = new ArrayList<>();
        for (String part : line.substring(at + "; layers changed: ".length()).split(", ")) {
            assertTrue(part.matches("[a-z-]+ \\([0-9.]+ (B|KiB|MiB|GiB)\\)"), () -> "'name (size)': " + line);
            names.add(part.substring(0, part.indexOf(' ')));
        }
        return names;
    }

    private static String imageId(String image) {
        return DockerCli.run("image", "inspect", "--format", "{{.Id}}", image);
    }

    private static List<String> rootFs(String image) {
        return DockerCli.lines(DockerCli.run("image", "inspect", "--format",
                "{{range .RootFS.Layers}}{{println .}}{{end}}", image));
    }

    private static String label(String image, String key) {
        return DockerCli.run("image", "inspect", "--format", "{{index .Config.Labels \"" + key + "\"}}", image);
    }

    /** Runs a command in a throwaway container of the image (entrypoint replaced). */
    private static String runIn(String image, String command, String... args) {
        List<String> all = new ArrayList<>(List.of("run", "--rm", "--entrypoint", command, image));
        all.addAll(Arrays.asList(args));
        return DockerCli.run(all.toArray(new String[0]));
    }

    /** Layer store chain ids: chain(0) = diff(0), chain(n) = sha256(chain(n-1) + " " + diff(n)). */
    private static List<String> chainIds(List<String> diffIds) {
        List<String> chain = new ArrayList<>();
        for (String diff : diffIds) {
            if (chain.isEmpty()) {
                chain.add(diff);
            } else {
                try {
                    byte[] hash = MessageDigest.getInstance("SHA-256").digest(
                            (chain.get(chain.size() - 1) + " " + diff).getBytes(StandardCharsets.UTF_8));
                    chain.add("sha256:" + HexFormat.of().formatHex(hash));
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return chain;
    }

    private static String shortId(String id) {
        return id.substring(id.indexOf(':') + 1, id.indexOf(':') + 13);
    }

    private static HttpResponse<String> awaitHttp(String url, Duration timeout) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try {
                return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                last = e;
                Thread.sleep(500);
            }
        }
        throw new AssertionError("GET " + url + " never answered within " + timeout + ": " + last
                + "\ncontainer log:\n" + DockerCli.tryRun("logs", RUN_CONTAINER).output());
    }

    private static String git(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(Arrays.asList(args));
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("`" + String.join(" ", command) + "` failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    @Order(20)
    void aPlainJarWhoseManifestNamesTheMainClassBuildsAndRunsWithTheBaseImageFromTheEnvironmentAndItsTime() throws Exception {
        // no <mainClass>, no -Ddevstack.baseImage: the maven-jar-plugin manifest and DEVSTACK_BASE_IMAGE decide
        TestProject plain = TestProject.sample(PROJECT + "-plain", null);
        plain.env.put("DEVSTACK_BASE_IMAGE", TestProject.JRE_IMAGE);
        String image = "dsit-imgbuild-plain:1";
        try {
            plain.mvn("package", "devstack:build", "-Ddevstack.image=" + image,
                    "-Ddevstack.creationTime=2026-01-31T12:00:00Z").assertSuccess()
                    .assertLogContains("image " + image + " built (");
            assertTrue(DockerCli.run("image", "inspect", "--format", "{{.Created}}", image)
                    .startsWith("2026-01-31T12:00:00"), "the creation time asked for");
            // a rebuild leaves no dangling image behind
            String first = DockerCli.run("image", "inspect", "--format", "{{.Id}}", image).strip();
            plain.file("src/main/java/io/devstack/sample/SampleService.java",
                    plain.read("src/main/java/io/devstack/sample/SampleService.java").replace("\"not found\\n\"",
                            "\"nothing here\\n\""));
            plain.mvn("package", "devstack:build", "-Ddevstack.image=" + image,
                    "-Ddevstack.creationTime=2026-01-31T12:00:00Z").assertSuccess()
                    .assertLogContains("removed the image " + image + " was before");
            assertTrue(DockerCli.tryRun("image", "inspect", first).exitCode() != 0, "the replaced image is gone");
            assertTrue(DockerCli.run("image", "inspect", "--format", "{{json .Config.Entrypoint}}", image)
                    .contains("io.devstack.sample.SampleService"));
            int port = TestProject.freePort();
            DockerCli.run("run", "-d", "--name", RUN_CONTAINER, "-p", "127.0.0.1:" + port + ":8080",
                    "-e", "DB_URL=jdbc:mariadb://nowhere:3306/x", image);
            HttpResponse<String> health = awaitHttp("http://127.0.0.1:" + port + "/health", Duration.ofSeconds(90));
            assertTrue(health.statusCode() == 503 || health.statusCode() == 200, "GET /health: " + health.statusCode());
        } finally {
            DockerCli.removeIfPresent(RUN_CONTAINER);
            DockerCli.tryRun("rmi", "-f", image);
        }
    }
}
