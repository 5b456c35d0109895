package io.devstack.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * devstack in a project's own build (src/it/failsafe-stack): up bound to pre-integration-test, down to
 * post-integration-test, and failsafe running an inner JUnit IT that reaches MariaDB through the
 * {@code devstack.db.port.3306} property up sets, reading a row of the committed dump.
 */
class FailsafeStackIT {
    private static final String PROJECT = "dsit-failsafe";

    @AfterEach
    void cleanUp() {
        DockerCli.purge(PROJECT);
    }

    @Test
    void verifyRunsTheInnerTestAgainstTheStackThroughItsPropertiesAndTakesItDown() throws IOException {
        TestProject project = TestProject.of(PROJECT, "failsafe-stack");
        BuildResult build = RemoteEngineIT.timed("local socket", () -> project.mvn("verify")).assertSuccess()
                .assertLogContains("loaded dumps/db/shop.sql into shop")
                .assertLogContains("Running io.devstack.it.inner.ShopDatabaseIT")
                .assertLogContains(PROJECT + " is down");
        String log = build.log();
        int up = log.indexOf(":up (stack-up) @ failsafe-stack");
        int tests = log.indexOf("Running io.devstack.it.inner.ShopDatabaseIT");
        int down = log.indexOf(":down (stack-down) @ failsafe-stack");
        assertTrue(up > 0 && up < tests && tests < down, "up, then the inner IT, then down");

        Path report = project.dir.resolve("target/failsafe-reports/TEST-io.devstack.it.inner.ShopDatabaseIT.xml");
        assertTrue(Files.isRegularFile(report), "the inner IT wrote its report " + report);
        String xml = Files.readString(report);
        Matcher suite = Pattern.compile("<testsuite [^>]*>").matcher(xml);
        assertTrue(suite.find(), xml);
        String attributes = suite.group();
        assertTrue(attributes.contains("tests=\"1\""), attributes);
        assertTrue(attributes.contains("failures=\"0\""), attributes);
        assertTrue(attributes.contains("errors=\"0\""), attributes);
        assertTrue(attributes.contains("skipped=\"0\""), attributes);

        // the inner IT got the engine-picked host port through ${devstack.db.port.3306}
        Matcher dbPort = Pattern.compile("<property name=\"db.port\" value=\"(\\d+)\"/>").matcher(xml);
        assertTrue(dbPort.find() && !dbPort.group(1).equals("3306"), "the inner IT's db.port: " + xml);
        assertTrue(xml.contains("<property name=\"db.host\" value=\"127.0.0.1\"/>"), xml);
        Path portsFile = project.dir.resolve("target/devstack/ports.properties");
        assertFalse(Files.exists(portsFile), "down removed " + portsFile + ": none of its ports is published now");

        assertEquals(List.of(), DockerCli.containers(PROJECT), "down removed the containers");
        assertEquals(List.of(), DockerCli.networks(PROJECT), "down removed the network");
        assertEquals(List.of(PROJECT + "_db-data", PROJECT + "_db_devstack-snapshot"), DockerCli.volumes(PROJECT),
                "the data volume and its snapshot stay");
    }

    @Test
    void skipMakesUpAndDownDoNothing() {
        TestProject project = TestProject.of(PROJECT, "failsafe-stack");
        BuildResult build = project.mvn("devstack:up", "devstack:down", "-Ddevstack.skip").assertSuccess();
        assertEquals(2, build.linesWith("devstack is skipped").size(), "one line per goal\n" + build.tail());
        build.assertLogLacks("created").assertLogLacks("is up").assertLogLacks("is down");
        assertEquals(List.of(), DockerCli.containers(PROJECT));
        assertEquals(List.of(), DockerCli.networks(PROJECT));
        assertEquals(List.of(), DockerCli.volumes(PROJECT));
        assertFalse(Files.exists(project.dir.resolve("target/devstack/ports.properties")));
    }
}
