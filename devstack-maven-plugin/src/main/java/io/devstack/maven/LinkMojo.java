package io.devstack.maven;

import io.devstack.core.engine.Engine;
import io.devstack.core.publish.LinkedCheckout;
import io.devstack.core.publish.Links;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Links an included stack to a local checkout: {@code mvn devstack:link -Ddevstack.alias=catalog
 * -Ddevstack.path=../catalog}. The link is recorded in {@code .devstack/links.properties} (ignored by git); from then
 * on every goal reads that stack's compose files, dumps and provision scripts from the checkout, and {@code up}
 * builds its images from it. {@code -Ddevstack.link.<alias>=<path>} does the same for one run.
 */
@Mojo(name = "link", threadSafe = true, requiresProject = true)
public class LinkMojo extends AbstractDevstackMojo {
    /** The alias of the stack to link (as its services are named here: {@code <alias>-<service>}). */
    @Parameter(property = "devstack.alias", required = true)
    String alias;

    /** The checkout to run it from, relative to this project or absolute. */
    @Parameter(property = "devstack.path", required = true)
    String path;

    @Override
    boolean usesEngine() {
        return false;
    }

    @Override
    void run(Engine engine) {
        Path project = basedir.toPath();
        LinkedCheckout checkout = checkouts().read(project, alias, path);
        Map<String, LinkedCheckout> links = new LinkedHashMap<>(checkouts().read(project));
        links.put(alias, checkout);
        stackResolver().resolve(stacks, links); // the checkout must be the stack it stands in for, before recording
        Links.link(project, alias, path);
        getLog().info("linked " + alias + " to " + path + " (" + checkout.coordinates() + "); devstack:up runs it "
                + "from there now, and builds its images from it");
    }
}
