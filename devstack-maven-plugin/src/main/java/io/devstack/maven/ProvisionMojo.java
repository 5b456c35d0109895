package io.devstack.maven;

import io.devstack.core.engine.Engine;
import io.devstack.core.provision.StackProvision;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;

/** Runs every provision script ({@code provision/<service>/*.sql|*.sh}) again against the running stack. */
@Mojo(name = "provision", threadSafe = true, requiresProject = true)
public class ProvisionMojo extends AbstractDevstackMojo {

    /** Provision scripts: {@code <provision>/<service>/*.sql|*.sh}. */
    @Parameter(property = "devstack.provision", defaultValue = "${project.basedir}/provision")
    File provision;

    @Override
    void run(Engine engine) {
        new StackProvision(engine, new MavenProgress(getLog())).run(composeRequest(), provision.toPath());
    }
}
