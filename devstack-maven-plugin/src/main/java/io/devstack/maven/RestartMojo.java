package io.devstack.maven;

import io.devstack.core.engine.Engine;
import io.devstack.core.up.StackRestart;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.time.Duration;

/** Restarts the services' containers (all, or {@code -Ddevstack.services=a,b}) and waits until they are ready. */
@Mojo(name = "restart", threadSafe = true, requiresProject = true)
public class RestartMojo extends AbstractDevstackMojo {

    /** Services to restart, comma separated; default: all. */
    @Parameter(property = "devstack.services")
    String services;

    /** Seconds each service may take to be ready again. */
    @Parameter(property = "devstack.timeout", defaultValue = "120")
    int timeout;

    @Override
    void run(Engine engine) {
        new StackRestart(engine, new MavenProgress(getLog()))
                .run(composeRequest(), split(services), Duration.ofSeconds(timeout));
    }
}
