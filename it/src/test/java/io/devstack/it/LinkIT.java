package io.devstack.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An included stack swapped for a local checkout: the sample service is published (with its image) and included by
 * a consumer; linking a checkout of it runs that checkout instead — a row only its dump has is served, a code change
 * in it is served after one {@code up} that recreates only its app, unlinking goes back to the artifact keeping the
 * data — and a bad link (no devstack project, another artifact, a checkout that does not build) is one line that
 * changes nothing.
 */
class LinkIT {
    private static final String PROJECT = "dsit-link";
    private static final String CHECKOUT = "dsit-link-checkout";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void publishTheSampleService() {
        TestProject provider = TestProject.sample("dsit-link-provider", null);
        provider.file("pom.xml", provider.read("pom.xml").replace("<version>${devstack.version}</version>\n      </plugin>",
                "<version>${devstack.version}</version>\n        <configuration><packageImages>true</packageImages>"
                        + "</configuration>\n        <executions><execution><id>stack</id><goals><goal>package</goal>"
                        + "</goals></execution></executions>\n      </plugin>"));
        provider.mvn("install", "-DskipTests").assertSuccess().assertLogContains("saved images dsit-link-provider-app");
    }

    @AfterAll
    static void cleanUp() {
        DumpSupport.purge(PROJECT);
    }

    @Test
    void aLinkedCheckoutRunsInsteadOfTheArtifactAndItsChangesFlowAfterOneUp() throws Exception {
        TestProject checkout = TestProject.sample(CHECKOUT, null);
        checkout.file("dumps/db/shop.sql", checkout.read("dumps/db/shop.sql")
                + "INSERT INTO `products` VALUES (99,'only in the checkout',1.00,1);\n");
        TestProject consumer = TestProject.of(PROJECT, "link-consumer");
        consumer.mvn("-o", "devstack:link", "-Ddevstack.alias=sample", "-Ddevstack.path=../" + CHECKOUT)
                .assertSuccess().assertLogContains("linked sample to ../" + CHECKOUT
                        + " (io.devstack.it:sample-service:1.0-SNAPSHOT)");
        assertEquals("*", Files.readString(consumer.dir.resolve(".devstack/.gitignore")).lines()
                .filter(l -> !l.startsWith("#")).findFirst().orElse(""), "links never land in a commit");

        consumer.mvn("-o", "devstack:up").assertSuccess()
                .assertLogContains("building linked sample in ../" + CHECKOUT)
                .assertLogContains("loaded ../" + CHECKOUT + "/dumps/db/shop.sql into shop");
        assertTrue(get(consumer, "/products").contains("only in the checkout"), "the checkout's dump is served");
        consumer.mvn("-o", "devstack:status").assertSuccess()
                .assertLogContains("  sample: ../" + CHECKOUT + " (linked)");

        // a code change in the checkout: one up rebuilds its app and recreates that container only
        String db = DockerCli.containerOf(PROJECT, "db");
        String sampleDb = DockerCli.containerOf(PROJECT, "sample-db");
        String app = DockerCli.containerOf(PROJECT, "sample-app");
        Files.writeString(checkout.dir.resolve("src/main/java/io/devstack/sample/SampleService.java"),
                checkout.read("src/main/java/io/devstack/sample/SampleService.java")
                        .replace("\"not found\\n\"", "\"not found in the checkout\\n\""));
        consumer.mvn("-o", "devstack:up").assertSuccess().assertLogContains("built linked sample in");
        assertEquals(db, DockerCli.containerOf(PROJECT, "db"));
        assertEquals(sampleDb, DockerCli.containerOf(PROJECT, "sample-db"));
        assertNotEquals(app, DockerCli.containerOf(PROJECT, "sample-app"));
        assertEquals("not found in the checkout\n", get(consumer, "/nowhere"));
        consumer.mvn("-o", "devstack:up").assertSuccess()
                .assertLogContains("linked sample (../" + CHECKOUT + ") unchanged since its last build")
                .assertLogContains("nothing to do: " + PROJECT + " is up to date");
        // another checkout took the tag: up builds the checkout's image again, and the service keeps its code
        String tag = DockerCli.inspect(DockerCli.containerOf(PROJECT, "sample-app"), "{{.Config.Image}}");
        DockerCli.run("tag", "devstack-it/debian:bookworm", tag);
        consumer.mvn("-o", "devstack:up").assertSuccess().assertLogContains("built image " + tag.replace(":latest", "")
                + " for sample-app");
        assertEquals("not found in the checkout\n", get(consumer, "/nowhere"));

        // back to the artifact: its image again, the database and its rows kept (its dump differs: a warning)
        consumer.mvn("-o", "devstack:unlink", "-Ddevstack.alias=sample").assertSuccess();
        consumer.mvn("-o", "devstack:up").assertSuccess()
                .assertLogContains("target/devstack/stacks/sample/dumps/db/shop.sql changed since it was loaded into "
                        + "shop; keeping your data");
        assertEquals(sampleDb, DockerCli.containerOf(PROJECT, "sample-db"));
        assertEquals("not found\n", get(consumer, "/nowhere"));
        assertTrue(get(consumer, "/products").contains("only in the checkout"), "the data stays");
        consumer.mvn("-o", "devstack:status").assertSuccess()
                .assertLogContains("  sample: io.devstack.it:sample-service:1.0-SNAPSHOT");

        consumer.mvn("-o", "devstack:down", "-Ddevstack.removeVolumes=true").assertSuccess();
        assertEquals(List.of(), DockerCli.containers(PROJECT));
        assertEquals(List.of(), DockerCli.volumes(PROJECT));
    }

    @Test
    void aBadLinkIsOneLineAndChangesNothing() throws Exception {
        TestProject consumer = TestProject.of(PROJECT, "link-consumer");
        TestProject notDevstack = TestProject.of("dsit-link-plain", "link-consumer");
        Files.delete(notDevstack.dir.resolve("compose.yaml"));
        String error = consumer.mvn("-o", "devstack:link", "-Ddevstack.alias=sample", "-Ddevstack.path=../dsit-link-plain")
                .assertFailure().goalError();
        assertTrue(error.contains("the link of \"sample\" names ../dsit-link-plain, which is not a devstack project: "
                + "it has no compose file"), error);

        error = consumer.mvn("-o", "devstack:link", "-Ddevstack.alias=sample", "-Ddevstack.path=.").assertFailure()
                .goalError();
        assertTrue(error.contains("the checkout . linked as \"sample\" is org.example.it:storefront:1.0-SNAPSHOT, not "
                + "io.devstack.it:sample-service"), error);
        assertTrue(Files.notExists(consumer.dir.resolve(".devstack/links.properties")), "no link was recorded");

        TestProject broken = TestProject.sample(CHECKOUT + "-broken", null);
        broken.file("src/main/java/io/devstack/sample/Broken.java", "class Broken { not java }\n");
        error = consumer.mvn("-o", "devstack:up", "-Ddevstack.link.sample=../" + CHECKOUT + "-broken").assertFailure()
                .goalError();
        assertTrue(error.contains("the linked checkout ../" + CHECKOUT + "-broken (\"sample\") does not build: "), error);
        assertTrue(error.contains("fix it there (cd ../" + CHECKOUT + "-broken && mvn package), or drop "
                + "-Ddevstack.link.sample"), error);
        assertEquals(List.of(), DockerCli.containers(PROJECT), "nothing started");
    }

    private static String get(TestProject consumer, String path) throws IOException, InterruptedException {
        Properties ports = new Properties();
        try (var in = Files.newInputStream(consumer.dir.resolve("target/devstack/ports.properties"))) {
            ports.load(in);
        }
        URI uri = URI.create("http://127.0.0.1:" + ports.getProperty("devstack.sample-app.port.8080") + path);
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
