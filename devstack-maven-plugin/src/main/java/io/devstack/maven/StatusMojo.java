package io.devstack.maven;

import io.devstack.core.dump.MigrationSources;
import io.devstack.core.engine.Engine;
import io.devstack.core.up.StackStatus;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.util.List;

/**
 * Shows each service (state, health, published ports, image, uptime) and each dump: loaded, changed since loaded,
 * failed, unfinished or not loaded, and whether it is stale against the migration sources.
 */
@Mojo(name = "status", threadSafe = true, requiresProject = true)
public class StatusMojo extends AbstractDevstackMojo {
    /** Directory of committed dumps, whose load state is shown per database. */
    @Parameter(property = "devstack.dumps", defaultValue = "${project.basedir}/dumps")
    File dumps;

    /** Globs of the migration sources; a dump made from others is shown as stale. */
    @Parameter
    List<String> migrationSources = MigrationSources.DEFAULT_GLOBS;

    /** SQL scripts that build the whole schema (as for {@code devstack:dump}); part of the migration sources. */
    @Parameter(property = "devstack.dump.sql")
    String migrationSql;

    @Override
    void run(Engine engine) {
        new StackStatus(engine, new MavenProgress(getLog())).run(composeRequest(),
                dumps.toPath().toAbsolutePath().normalize(),
                MavenMigrations.sources(migrationSources, migrationSql)).forEach(getLog()::info);
    }
}
