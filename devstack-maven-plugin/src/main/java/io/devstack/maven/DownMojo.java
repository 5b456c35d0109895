package io.devstack.maven;

import io.devstack.core.engine.Engine;
import io.devstack.core.up.DownRequest;
import io.devstack.core.up.StackDown;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Removes the project's containers and network; volumes (your data) stay unless removeVolumes is set. */
@Mojo(name = "down", threadSafe = true, requiresProject = true)
public class DownMojo extends AbstractDevstackMojo {

    /** Also remove the project's volumes, and with them every database's data. */
    @Parameter(property = "devstack.removeVolumes", defaultValue = "false")
    boolean removeVolumes;

    @Override
    void run(Engine engine) {
        new StackDown(engine, new MavenProgress(getLog())).run(new DownRequest(composeRequest(), removeVolumes));
    }
}
