package io.devstack.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code up} with the app service running the project's own image: an unchanged project neither rebuilds nor
 * restarts anything; a code-only change rebuilds only the classes layer and recreates only the app, which then
 * serves the new code.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpRebuildIT {
    private static final String PROJECT = "dsit-uprebuild";
    private static final String IMAGE = "dsit-uprebuild:1.0";
    private static final String SOURCE = "src/main/java/io/devstack/sample/SampleService.java";
    private TestProject project;
    private int appPort;
    private String appContainer;
    private String dbContainer;
    private List<String> layers;

    @BeforeAll
    void layOut() {
        DockerCli.tryRun("rmi", "-f", IMAGE);
        project = TestProject.sample(PROJECT, "up-rebuild");
        appPort = TestProject.freePort();
        project.env("APP_PORT", String.valueOf(appPort)).env("DB_PORT", String.valueOf(TestProject.freePort()));
    }

    @AfterAll
    void cleanUp() {
        DockerCli.purge(PROJECT);
        DockerCli.tryRun("rmi", "-f", IMAGE);
    }

    private BuildResult packageAndUp() {
        return project.mvn("package", "devstack:up", "-Ddevstack.image=" + IMAGE,
                "-Ddevstack.baseImage=" + TestProject.JRE_IMAGE,
                "-Ddevstack.mainClass=io.devstack.sample.SampleService");
    }

    private HttpResponse<String> get(String path) {
        return Http.get("http://127.0.0.1:" + appPort + path);
    }

    private static List<String> rootFs() {
        return DockerCli.lines(DockerCli.run("image", "inspect", "--format",
                "{{range .RootFS.Layers}}{{println .}}{{end}}", IMAGE));
    }

    @Test
    @Order(1)
    void firstUpBuildsTheImageAndRunsIt() {
        packageAndUp().assertSuccess()
                .assertLogContains("image " + IMAGE + " built (")
                .assertLogContains("service app created and healthy");
        assertEquals(200, get("/products").statusCode());
        appContainer = DockerCli.containerOf(PROJECT, "app");
        dbContainer = DockerCli.containerOf(PROJECT, "db");
        assertEquals(DockerCli.run("image", "inspect", "--format", "{{.Id}}", IMAGE),
                DockerCli.inspect(appContainer, "{{.Image}}"), "the app runs the image devstack:build made");
        layers = rootFs();
    }

    @Test
    @Order(2)
    void unchangedProjectRebuildsAndRestartsNothing() {
        packageAndUp().assertSuccess()
                .assertLogContains("image " + IMAGE + " is up to date")
                .assertLogLacks("image " + IMAGE + " built");
        assertEquals(appContainer, DockerCli.containerOf(PROJECT, "app"));
        assertEquals(dbContainer, DockerCli.containerOf(PROJECT, "db"));
        assertEquals(layers, rootFs());
    }

    @Test
    @Order(3)
    void codeChangeRebuildsTheTopLayerAndRecreatesOnlyTheApp() throws IOException {
        Path source = project.dir.resolve(SOURCE);
        String code = Files.readString(source);
        String changed = code.replace("send(exchange, 404, \"text/plain\", \"not found\\n\");",
                "send(exchange, 404, \"text/plain\", \"nothing here, rebuilt\\n\");");
        assertNotEquals(code, changed, "the sample's 404 line is where the test expects it");
        Files.writeString(source, changed);

        BuildResult up = packageAndUp().assertSuccess();
        List<String> built = up.linesWith("image " + IMAGE + " built (");
        assertEquals(1, built.size(), up::tail);
        assertTrue(built.get(0).matches(".*; layers changed: classes \\([^)]*\\)$"),
                () -> "only the classes layer changed: " + built);
        List<String> now = rootFs();
        assertEquals(layers.size(), now.size());
        assertEquals(layers.subList(0, layers.size() - 1), now.subList(0, now.size() - 1), "all but the top layer kept");
        assertNotEquals(layers.get(layers.size() - 1), now.get(now.size() - 1), "the top layer is new");

        assertNotEquals(appContainer, DockerCli.containerOf(PROJECT, "app"), "the app runs the new image");
        assertEquals(dbContainer, DockerCli.containerOf(PROJECT, "db"), "the database was left alone");
        HttpResponse<String> response = get("/nowhere");
        assertEquals(404, response.statusCode());
        assertEquals("nothing here, rebuilt\n", response.body());
        assertEquals(200, get("/products").statusCode());
    }
}
