package io.devstack.maven;

import io.devstack.core.engine.Engine;
import io.devstack.core.manage.StackRestart;
import org.apache.maven.plugins.annotations.Mojo;

import java.time.Duration;

/** Restarts the services' containers (all, or {@code -Ddevstack.services=a,b}) and waits until they are ready. */
@Mojo(name = "restart", threadSafe = true, requiresProject = true)
public class RestartMojo extends AbstractDevstackMojo {



    @Override
    void run(Engine engine) {
        new StackRestart(engine, progress())
                .run(composeRequest(), split(services), Duration.ofSeconds(timeout));
    }
}
