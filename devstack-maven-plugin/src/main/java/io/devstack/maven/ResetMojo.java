package io.devstack.maven;

import io.devstack.core.engine.Engine;
import io.devstack.core.reset.StackReset;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.time.Duration;

/**
 * Brings the databases back to the state right after their dumps loaded: from the snapshot up took then (seconds),
 * or by reloading the dumps when they changed since (or the snapshot is incomplete); then the service's provision
 * scripts run again, as after the first load. Everything written since is lost — that is the point.
 */
@Mojo(name = "reset", threadSafe = true, requiresProject = true)
public class ResetMojo extends AbstractDevstackMojo {

    /** Directory of committed dumps. */
    @Parameter(property = "devstack.dumps", defaultValue = "${project.basedir}/dumps")
    File dumps;

    /** Provision scripts ({@code <provision>/<service>/*.sql|*.sh}), run again on each service that was reset. */
    @Parameter(property = "devstack.provision", defaultValue = "${project.basedir}/provision")
    File provision;

    /** Services to reset, comma separated; default: every service with dumps. */
    @Parameter(property = "devstack.services")
    String services;

    /** Seconds each service may take to be ready again. */
    @Parameter(property = "devstack.timeout", defaultValue = "120")
    int timeout;

    @Override
    void run(Engine engine) {
        new StackReset(engine, new MavenProgress(getLog())).run(composeRequest(), dumps.toPath().toAbsolutePath()
                .normalize(), provision.toPath().toAbsolutePath().normalize(), split(services), Duration.ofSeconds(timeout));
    }
}
