package io.devstack.maven;

import io.devstack.core.engine.Engine;
import io.devstack.core.publish.LinkedCheckout;
import io.devstack.core.publish.Links;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
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
    @Parameter(property = "devstack.alias")
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
        String alias = alias();
        LinkedCheckout checkout = checkouts().read(project, alias, path);
        Map<String, LinkedCheckout> links = new LinkedHashMap<>(checkouts().read(project));
        // nothing is recorded yet, so a refusal has nothing to undo
        links.put(alias, new LinkedCheckout(checkout.path(), checkout.coordinates(), checkout.artifact(),
                checkout.ownImage(), "nothing was linked"));
        stackResolver().resolve(stacks, links); // the checkout must be the stack it stands in for, before recording
        Links.link(project, alias, path);
        getLog().info("linked " + alias + " to " + path + " (" + checkout.coordinates() + "); devstack:up runs it "
                + "from there now, and builds its images from it");
    }

    /** {@code -Ddevstack.alias}, or the one stack the project includes. */
    private String alias() {
        if (alias != null && !alias.isBlank()) {
            return alias.strip();
        }
        List<String> aliases = stacks.stream().map(s -> s.alias != null && !s.alias.isBlank() ? s.alias.strip()
                : s.coordinates == null ? "?" : s.coordinates.split(":").length > 1 ? s.coordinates.split(":")[1]
                : s.coordinates).toList();
        if (aliases.size() == 1) {
            return aliases.get(0);
        }
        throw new Links.LinkException("which stack does " + path + " stand in for? Name it with -Ddevstack.alias="
                + (aliases.isEmpty() ? "<alias>; this project includes no stack (<stacks> in the plugin's "
                + "configuration)" : "<alias>, one of: " + String.join(", ", aliases)));
    }
}
