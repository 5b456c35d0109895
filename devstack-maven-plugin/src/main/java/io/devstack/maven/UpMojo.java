package io.devstack.maven;

import io.devstack.core.engine.Engine;
import io.devstack.core.up.StackUp;
import io.devstack.core.up.UpReport;
import io.devstack.core.up.UpRequest;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.time.Duration;

/**
 * Brings the project's compose stack up: builds images, starts services in dependency order, waits until they
 * are ready and loads the committed dumps under {@code dumps/<service>/<database>.sql} once.
 */
@Mojo(name = "up", threadSafe = true, requiresProject = true)
public class UpMojo extends AbstractDevstackMojo {

    /** Directory of committed dumps: {@code <dumps>/<service>/<database>.sql[.gz]}. */
    @Parameter(property = "devstack.dumps", defaultValue = "${project.basedir}/dumps")
    File dumps;

    /** Seconds each service may take to become healthy (or running, without a healthcheck). */
    @Parameter(property = "devstack.timeout", defaultValue = "120")
    int timeout;

    /** Keep containers created by a failed {@code up} for inspection instead of removing them. */
    @Parameter(property = "devstack.keepOnFailure", defaultValue = "false")
    boolean keepOnFailure;

    /** Drop and reload a database whose dump changed since it was loaded (its data is lost). */
    @Parameter(property = "devstack.reload", defaultValue = "false")
    boolean reload;

    @Override
    void run(Engine engine) {
        UpRequest request = new UpRequest(composeRequest(), dumps.toPath().toAbsolutePath().normalize(),
                Duration.ofSeconds(timeout), keepOnFailure, reload);
        UpReport report = new StackUp(engine, new MavenProgress(getLog())).run(request);
        report.table().forEach(getLog()::info);
    }
}
