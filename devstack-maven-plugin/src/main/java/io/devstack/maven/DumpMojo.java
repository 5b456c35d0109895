package io.devstack.maven;

import io.devstack.core.dump.DumpRefresh;
import io.devstack.core.dump.DumpRefreshRequest;
import io.devstack.core.dump.Migration;
import io.devstack.core.dump.MigrationSources;
import io.devstack.core.engine.Engine;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.time.Duration;
import java.util.List;

/**
 * Refreshes the committed dumps from the migrations: a throwaway container of each database service gets the
 * committed dump, the migrations run, and the database's own tool writes a normalised, deterministic dump.
 * {@code -Ddevstack.dump.check=true} writes nothing and fails with a diff when a dump has drifted.
 */
@Mojo(name = "dump", threadSafe = true, requiresProject = true)
public class DumpMojo extends AbstractDevstackMojo {

    /** Directory of committed dumps. */
    @Parameter(property = "devstack.dumps", defaultValue = "${project.basedir}/dumps")
    File dumps;

    /** {@code service/database} pairs to refresh, comma separated; default: every committed .sql dump. */
    @Parameter(property = "devstack.dump.databases")
    String databases;

    /**
     * More tables whose rows are kept in the dump. Always kept: every table with rows in the committed dump and the
     * history tables of the common migration tools (Flyway, Liquibase, Django, Rails, Alembic, ...).
     */
    @Parameter
    List<String> dataTables = List.of();

    /** Tables dumped as schema only even though the committed dump has rows for them. */
    @Parameter
    List<String> schemaOnlyTables = List.of();

    /** Globs (relative to the project) of the migration sources whose digest goes into the dump header. */
    @Parameter
    List<String> migrationSources = MigrationSources.DEFAULT_GLOBS;

    /** Maven goals of this project that migrate, e.g. {@code flyway:migrate}; run against the throwaway database. */
    @Parameter(property = "devstack.dump.goals")
    String migrationGoals;

    /** A command run with sh -c inside the throwaway database container (the project is at /project). */
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

    /**
     * Start from an empty database instead of the committed dump. Set it in the POM when the migrations build the
     * whole schema (a script that creates every table); leave it off for incremental migrations (Flyway,
     * Liquibase), which run on top of the committed dump.
     */
    @Parameter(property = "devstack.dump.fromScratch", defaultValue = "false")
    boolean fromScratch;

    /** Write nothing; fail with a diff when a committed dump differs from what the migrations produce. */
    @Parameter(property = "devstack.dump.check", defaultValue = "false")
    boolean check;

    /** Dump the running stack's database instead of a throwaway one (no migrations run). */
    @Parameter(property = "devstack.dump.live", defaultValue = "false")
    boolean live;

    /** Seconds the throwaway database may take to get ready. */
    @Parameter(property = "devstack.timeout", defaultValue = "120")
    int timeout;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    @Override
    void run(Engine engine) throws MojoFailureException {
        DumpRefreshRequest request = new DumpRefreshRequest(composeRequest(), dumps.toPath().toAbsolutePath().normalize(),
                split(databases), dataTables, schemaOnlyTables,
                MavenMigrations.sources(migrationSources, migrationSql), migration(engine), fromScratch, check, live,
                Duration.ofSeconds(timeout));
        new DumpRefresh(engine, new MavenProgress(getLog())).run(request);
    }

    private Migration migration(Engine engine) throws MojoFailureException {
        Migration migration = MavenMigrations.of(engine, migrationGoals, migrationExec, migrationScript, migrationSql,
                basedir, session);
        if (migration == null) {
            getLog().info("no migrations configured: the dump is refreshed from the committed one as it loads");
            return Migration.NONE;
        }
        return migration;
    }
}
