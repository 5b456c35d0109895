package io.devstack.maven;

import io.devstack.core.compose.ComposeRequest;
import io.devstack.core.dump.Migration;
import io.devstack.core.engine.Engine;
import io.devstack.core.ready.WaitSpec;
import io.devstack.core.up.StackUp;
import io.devstack.core.up.UpReport;
import io.devstack.core.up.UpRequest;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import io.devstack.core.image.ImageBuild;
import io.devstack.core.image.ReplacedImage;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings the project's compose stack up: builds images, starts services in dependency order, waits until they
 * are ready and loads the committed dumps under {@code dumps/<service>/<database>.sql} once. Afterwards the
 * build has {@code devstack.<service>.host} and {@code devstack.<service>.port.<containerPort>} properties, also
 * written to {@code target/devstack/ports.properties}. Binds to {@code pre-integration-test} by default. When the
 * project configures its image ({@code <mainClass>} or a template), {@code up} first runs {@code build}, so a
 * service with {@code image: <artifactId>:<version>} runs the current code.
 */
@Mojo(name = "up", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true, requiresProject = true,
        requiresDependencyResolution = ResolutionScope.RUNTIME)
public class UpMojo extends AbstractImageMojo {
    /**
     * The host the build reaches published ports at, for the devstack.&lt;service&gt;.host properties and
     * ports.properties; default: the engine's machine when it is remote (tcp://host, a context), else the address
     * each port is published on.
     */
    @Parameter(property = "devstack.servicesHost")
    String servicesHost;




    /** Extra readiness conditions per service; see {@link Wait}. */
    @Parameter
    List<Wait> waits = List.of();

    /** Keep containers created by a failed {@code up} for inspection instead of removing them. */
    @Parameter(property = "devstack.keepOnFailure", defaultValue = "false")
    boolean keepOnFailure;

    /** Drop and reload a database whose dump changed since it was loaded (its data is lost). */
    @Parameter(property = "devstack.reload", defaultValue = "false")
    boolean reload;



    /**
     * After loading a dump made from older migration sources, run the configured migrations against it
     * ({@code <migrationGoals>}, {@code <migrationExec>} or {@code <migrationScript>}, as for {@code devstack:dump}).
     */
    @Parameter(property = "devstack.migrateStale", defaultValue = "false")
    boolean migrateStale;



    private Migration staleMigration(Engine engine) throws MojoFailureException {
        if (!migrateStale) {
            return null;
        }
        if (migrationSql != null) {
            throw new MojoFailureException("-Ddevstack.migrateStale=true cannot use <migrationSql>: those scripts build "
                    + "the whole schema and cannot run on top of a loaded dump; refresh the dump with mvn devstack:dump "
                    + "instead, or drop migrateStale");
        }
        var migration = MavenMigrations.of(engine, migrationGoals, migrationExec, migrationScript, null, basedir,
                session);
        if (migration == null) {
            throw new MojoFailureException("-Ddevstack.migrateStale=true needs a migration: configure "
                    + "<migrationGoals> (e.g. flyway:migrate), <migrationExec> or <migrationScript> in the plugin's "
                    + "<configuration>");
        }
        return migration;
    }

    @Override
    void run(Engine engine) throws MojoFailureException {
        Map<String, WaitSpec> waitSpecs = new LinkedHashMap<>();
        for (Wait wait : waits) {
            if (wait.service == null || wait.service.isBlank()) {
                throw new MojoFailureException("<waits><wait> without <service>: name the compose service it is for");
            }
            waitSpecs.put(wait.service, wait.toSpec());
        }
        ComposeRequest compose = composeRequest();
        if (workspace != null && !workspace.selected().isEmpty()) {
            getLog().info("devstack:up brings up the whole workspace: -pl chose which modules this build makes; "
                    + "status, logs and down narrow to them");
        }
        deletePortsFile(); // a failed up leaves no ports of an earlier run behind
        if (workspace == null) {
            // a workspace's modules are built by its own reactor; a linked checkout is built here
            Path linkState = Path.of(mavenProject.getBuild().getDirectory(), "devstack", "links");
            linkedCheckouts().forEach((alias, checkout) ->
                    new CheckoutBuild(session, engine, progress(), linkState).build(alias, checkout));
        }
        ImageBuild.Result own = buildOwnImage(engine);
        UpRequest request = new UpRequest(compose, dumpsDir(),
                Duration.ofSeconds(timeout), waitSpecs, keepOnFailure, reload,
                migrationGlobs(), provisionDir(), staleMigration(engine));
        UpReport report = new StackUp(engine, progress()).run(request);
        String reachedAt = servicesHost != null && !servicesHost.isBlank() ? servicesHost.strip()
                : engine.info().remoteHost();
        if (reachedAt != null) {
            report = report.withServicesHost(reachedAt);
        }
        report.table().forEach(getLog()::info);
        report.properties().forEach((key, value) -> mavenProject.getProperties().setProperty(key, value));
        ReplacedImage.removeOrExplain(engine, progress(), own, report.project()); // its container moved to the new one
        report.writeProperties(portsPath());
    }

    @Override
    boolean actsOnWorkspace() {
        return true;
    }

    @Override
    void deferToWorkspace(Engine engine) {
        buildOwnImage(engine); // the workspace's up, after the last module, runs it
    }

    private ImageBuild.Result buildOwnImage(Engine engine) {
        if (mainClass != null || (template != null && template.isFile())) {
            // the project's own image first, so a code change reaches the service that runs it
            return new ImageBuild(engine, progress()).run(imageRequest());
        }
        return null;
    }
}
