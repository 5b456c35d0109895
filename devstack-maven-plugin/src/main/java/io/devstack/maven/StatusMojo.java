package io.devstack.maven;

import io.devstack.core.compose.ComposeReader;
import io.devstack.core.compose.ComposeRequest;
import io.devstack.core.engine.Engine;
import io.devstack.core.manage.StackStatus;
import org.apache.maven.plugins.annotations.Mojo;


/**
 * Shows each service (state, health, published ports, image, uptime) and each dump: loaded, changed since loaded,
 * failed, unfinished or not loaded, and whether it is stale against the migration sources.
 */
@Mojo(name = "status", threadSafe = true, requiresProject = true)
public class StatusMojo extends AbstractDataMojo {



    @Override
    boolean actsOnWorkspace() {
        return true;
    }

    @Override
    void run(Engine engine) {
        ComposeRequest request = composeRequest();
        new StackStatus(engine, progress()).run(request, dumpsDir(), migrationGlobs(),
                selectedServices(() -> new ComposeReader(w -> { }).read(request).services().keySet()))
                .forEach(progress()::info);
    }
}
