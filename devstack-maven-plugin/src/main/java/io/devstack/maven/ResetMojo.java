package io.devstack.maven;

import io.devstack.core.engine.Engine;
import io.devstack.core.reset.StackReset;
import org.apache.maven.plugins.annotations.Mojo;

import java.time.Duration;

/**
 * Brings the databases back to the state right after their dumps loaded: from the snapshot up took then (seconds),
 * or by reloading the dumps when they changed since (or the snapshot is incomplete); then the service's provision
 * scripts run again, as after the first load. Everything written since is lost — that is the point.
 */
@Mojo(name = "reset", threadSafe = true, requiresProject = true)
public class ResetMojo extends AbstractDataMojo {





    @Override
    void run(Engine engine) {
        new StackReset(engine, progress()).run(composeRequest(), dumpsDir(), provisionDir(),
                split(services), Duration.ofSeconds(timeout));
    }
}
