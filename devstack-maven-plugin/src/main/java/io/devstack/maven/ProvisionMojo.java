package io.devstack.maven;

import io.devstack.core.engine.Engine;
import io.devstack.core.provision.StackProvision;
import org.apache.maven.plugins.annotations.Mojo;


/** Runs every provision script ({@code provision/<service>/*.sql|*.sh}) again against the running stack. */
@Mojo(name = "provision", threadSafe = true, requiresProject = true)
public class ProvisionMojo extends AbstractDataMojo {


    @Override
    void run(Engine engine) {
        new StackProvision(engine, progress()).run(composeRequest(), provisionDir());
    }
}
