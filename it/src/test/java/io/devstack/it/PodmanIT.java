package io.devstack.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On Podman: the sample service (its image built by Podman, its dump's rows served over HTTP), then the
 * failsafe-stack project's {@code mvn verify}: found through DOCKER_HOST and named as Podman, its healthcheck run on
 * demand (Podman runs none without systemd), the dump loaded, the inner IT reading a dumped row through the reported
 * port, the stack taken down. Runs after the Docker ITs (its own failsafe execution) and leaves
 * the Docker engine as it found it.
 */
class PodmanIT {
    private static final String PROJECT = "dsit-podman";

    @Test
    void theStackComesUpOnPodmanWithItsDumpAndHealthchecks() throws IOException {
        List<List<String>> dockerBefore = dockerState();
        try (PodmanEngine podman = PodmanEngine.start(Path.of(System.getProperty("it.work")).resolve("podman"),
                List.of(TestProject.MARIADB_IMAGE, TestProject.JRE_IMAGE))) {
            sampleServiceBuildsAndServesItsDump(podman);
            TestProject project = TestProject.of(PROJECT, "failsafe-stack").env("DOCKER_HOST", podman.host())
                    .env("DOCKER_CONTEXT", "");
            try {
                BuildResult build = RemoteEngineIT.timed("Podman", () -> project.mvn("verify")).assertSuccess()
                        .assertLogContains("on engine: " + podman.host() + " (Podman ")
                        .assertLogContains(", via DOCKER_HOST)")
                        .assertLogContains("service db created and healthy in ")
                        .assertLogContains("loaded dumps/db/shop.sql into shop")
                        .assertLogContains("Running io.devstack.it.inner.ShopDatabaseIT")
                        .assertLogContains(PROJECT + " is down");
                String xml = Files.readString(project.dir.resolve(
                        "target/failsafe-reports/TEST-io.devstack.it.inner.ShopDatabaseIT.xml"));
                assertTrue(xml.contains("tests=\"1\"") && xml.contains("failures=\"0\"")
                        && xml.contains("errors=\"0\""), xml);
                assertTrue(build.log().contains("snapshot of db's freshly loaded data taken in"), build::tail);
                assertEquals(List.of(), PodmanEngine.podman("ps", "-aq", "--filter",
                        "label=com.docker.compose.project=" + PROJECT), "down removed the containers from Podman");
            } finally {
                project.mvn("devstack:down", "-Ddevstack.removeVolumes=true");
            }
            assertEquals(List.of(), PodmanEngine.podman("volume", "ls", "-q", "--filter",
                    "label=com.docker.compose.project=" + PROJECT));
        }
        assertEquals(dockerBefore, dockerState(), "the Docker engine is as the test found it");
    }

    /** The sample service: its compose build: image built by Podman, its rows served over HTTP; then its own image. */
    private static void sampleServiceBuildsAndServesItsDump(PodmanEngine podman) {
        int appPort = TestProject.freePort();
        TestProject sample = TestProject.sample(PROJECT + "-sample", null).env("DOCKER_HOST", podman.host())
                .env("DOCKER_CONTEXT", "").env("APP_PORT", String.valueOf(appPort))
                .env("DB_PORT", String.valueOf(TestProject.freePort()));
        try {
            sample.mvn("package", "devstack:up", "-DskipTests").assertSuccess()
                    .assertLogContains("with Podman's builder (buildah)")
                    .assertLogContains("loaded dumps/db/shop.sql into shop");
            String products = Http.get("http://127.0.0.1:" + appPort + "/products").body();
            assertTrue(products.contains("Espresso beans 1 kg"), products);

            // devstack:build's own image: Podman takes no partial image archive, so its builder makes it
            String own = "dsit-podman-own:1";
            sample.mvn("devstack:build", "-Ddevstack.image=" + own, "-Ddevstack.baseImage=" + TestProject.JRE_IMAGE)
                    .assertSuccess().assertLogContains("Podman takes only complete image archives: " + own
                            + " is built by Podman's builder").assertLogContains("image " + own + " built (");
            sample.mvn("devstack:build", "-Ddevstack.image=" + own, "-Ddevstack.baseImage=" + TestProject.JRE_IMAGE)
                    .assertSuccess().assertLogContains("image " + own + " is up to date");
            assertEquals(1, PodmanEngine.podman("images", "-q", own).size(), "Podman holds the image");
        } finally {
            sample.mvn("devstack:down", "-Ddevstack.removeVolumes=true", "-Ddevstack.removeImages=true");
            PodmanEngine.podman("rmi", "dsit-podman-own:1");
        }
    }

    /** Sorted: the engine lists images of one creation second in no fixed order. */
    private static List<List<String>> dockerState() {
        return Stream.of(List.of("ps", "-aq"), List.of("volume", "ls", "-q"), List.of("network", "ls", "-q"),
                        List.of("images", "-q"))
                .map(args -> DockerCli.run(args.toArray(String[]::new)).lines().filter(line -> !line.isBlank())
                        .sorted().toList())
                .toList();
    }
}
