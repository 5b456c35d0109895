package io.devstack.maven;

import java.util.List;

import io.devstack.core.compose.ComposeReader;
import io.devstack.core.compose.ComposeRequest;
import io.devstack.core.engine.Engine;
import io.devstack.core.manage.DownRequest;
import io.devstack.core.manage.StackDown;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Removes the project's containers (also of services no longer in the compose file) and networks; volumes (your
 * data) stay unless removeVolumes is set. Binds to {@code post-integration-test} by default.
 */
@Mojo(name = "down", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, threadSafe = true, requiresProject = true)
public class DownMojo extends AbstractDevstackMojo {

    /** Also remove the project's volumes, and with them every database's data. */
    @Parameter(property = "devstack.removeVolumes", defaultValue = "false")
    boolean removeVolumes;

    /** Also remove the images devstack built for the project (compose build: services, devstack:build). */
    @Parameter(property = "devstack.removeImages", defaultValue = "false")
    boolean removeImages;

    @Override
    boolean actsOnWorkspace() {
        return true;
    }

    @Override
    void run(Engine engine) {
        ComposeRequest request = composeRequest();
        List<String> selected = selectedServices(() -> new ComposeReader(w -> { }).read(request).services().keySet());
        new StackDown(engine, progress()).run(new DownRequest(request, removeVolumes, selected, removeImages));
        if (selected.isEmpty()) {
            deletePortsFile(); // no port in it is published any more
        }
    }
}
