package io.devstack.maven;

import io.devstack.core.engine.Engine;
import io.devstack.core.publish.Links;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.Map;

/** Removes a link made by {@code devstack:link}: {@code mvn devstack:unlink -Ddevstack.alias=catalog}. */
@Mojo(name = "unlink", threadSafe = true, requiresProject = true)
public class UnlinkMojo extends AbstractDevstackMojo {
    /** The alias of the linked stack (may be left out when one stack is linked). */
    @Parameter(property = "devstack.alias")
    String alias;

    @Override
    boolean usesEngine() {
        return false;
    }

    @Override
    void run(Engine engine) {
        Map<String, String> links = Links.read(basedir.toPath());
        String alias = this.alias != null && !this.alias.isBlank() ? this.alias.strip()
                : links.size() == 1 ? links.keySet().iterator().next() : null;
        if (alias == null) {
            throw new Links.LinkException(links.isEmpty() ? "nothing is linked (in " + Links.FILE + ")"
                    : "which link? Name it with -Ddevstack.alias=<alias>, one of: " + String.join(", ", links.keySet()));
        }
        if (!Links.unlink(basedir.toPath(), alias)) {
            throw new Links.LinkException("\"" + alias + "\" is not linked" + (links.isEmpty() ? "; nothing is"
                    : "; linked: " + String.join(", ", links.keySet())) + " (in " + Links.FILE + ")");
        }
        getLog().info("unlinked " + alias + " (was " + links.get(alias) + "); devstack:up runs it from its artifact "
                + "again");
    }
}
