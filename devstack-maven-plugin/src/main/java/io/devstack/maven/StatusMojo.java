package io.devstack.maven;

import io.devstack.core.engine.Engine;
import io.devstack.core.up.StackStatus;
import org.apache.maven.plugins.annotations.Mojo;

/** Shows each service: state, health, published ports, image and uptime. */
@Mojo(name = "status", threadSafe = true, requiresProject = true)
public class StatusMojo extends AbstractDevstackMojo {
    @Override
    void run(Engine engine) {
        new StackStatus(engine, new MavenProgress(getLog())).run(composeRequest()).forEach(getLog()::info);
    }
}
