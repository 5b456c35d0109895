package io.devstack.maven;

import io.devstack.core.engine.Engine;
import io.devstack.core.publish.Links;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.Map;

/** Removes a link made by {@code devstack:link}: {@code mvn devstack:unlink -Ddevstack.alias=catalog}. */
@Mojo(name = "unlink", threadSafe = true, requiresProject = true)
public class UnlinkMojo extends AbstractDevstackMojo {
    /** The alias of the linked stack. */
    @Parameter(property = "devstack.alias", required = true)
    String alias;

    @Override
    boolean usesEngine() {
        return false;
    }

    @Override
    void run(Engine engine) {
        Map<String, String> links = Links.read(basedir.toPath());
        if (!Links.unlink(basedir.toPath(), alias)) {
            throw new Links.LinkException("\"" + alias + "\" is not linked" + (links.isEmpty() ? "; nothing is"
                    : "; linked: " + String.join(", ", links.keySet())) + " (in " + Links.FILE + ")");
        }
        getLog().info("unlinked " + alias + " (was " + links.get(alias) + "); devstack:up runs it from its artifact "
                + "again");
    }
}
