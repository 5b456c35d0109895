package io.devstack.maven;

import io.devstack.core.dump.Migration;
import io.devstack.core.dump.MigrationSources;
import io.devstack.core.engine.Engine;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a project's data comes from, declared once for every goal that loads, checks or refreshes it: the committed
 * dumps, the provision scripts, and the migrations (their sources, and how they run).
 */
abstract class AbstractDataMojo extends AbstractDevstackMojo {

    /** Directory of committed dumps: {@code <dumps>/<service>/<database>.sql[.gz]}. */
    @Parameter(property = "devstack.dumps", defaultValue = "${project.basedir}/dumps")
    File dumps;

    /** Provision scripts: {@code <provision>/<service>/*.sql|*.sh}, run after the service's dumps. */
    @Parameter(property = "devstack.provision", defaultValue = "${project.basedir}/provision")
    File provision;

    /** Globs (relative to the project) of the migration sources; a dump made from others is stale. */
    @Parameter
    List<String> migrationSources = MigrationSources.DEFAULT_GLOBS;

    /** Maven goals of this project that migrate, e.g. {@code flyway:migrate}. */
    @Parameter(property = "devstack.dump.goals")
    String migrationGoals;

    /** A command run with sh -c inside the database container (the project is mounted at /project for a dump). */
    @Parameter(property = "devstack.dump.exec")
    String migrationExec;

    /** A script run on this machine with DEVSTACK_DB_URL, _USER, _PASSWORD, _HOST, _PORT, _NAME set. */
    @Parameter(property = "devstack.dump.script")
    File migrationScript;

    /**
     * SQL scripts that build the whole schema and its data, applied in order with the database's own client, e.g.
     * {@code src/main/resources/schema.sql,src/main/resources/data.sql}; comma separated, relative to the project.
     * Being whole-schema, they run on an empty database (as with {@code fromScratch}).
     */
    @Parameter(property = "devstack.dump.sql")
    String migrationSql;

    /** In a workspace, every module's dumps come with its linked stack: the workspace itself has none. */
    Path dumpsDir() {
        return workspace != null ? workspace.root().getBasedir().toPath().resolve("dumps").toAbsolutePath().normalize()
                : dumps.toPath().toAbsolutePath().normalize();
    }

    Path provisionDir() {
        return workspace != null ? workspace.root().getBasedir().toPath().resolve("provision").toAbsolutePath()
                .normalize() : provision.toPath().toAbsolutePath().normalize();
    }

    /** The migration sources with the {@code <migrationSql>} files, as every goal digests them. */
    List<String> migrationGlobs() {
        return MavenMigrations.sources(migrationSources, migrationSql);
    }

    /** The one configured migration, or null when none is. */
    Migration configuredMigration(Engine engine) throws MojoFailureException {
        return MavenMigrations.of(engine, migrationGoals, migrationExec, migrationScript, migrationSql, basedir,
                session);
    }
}
