package io.devstack.maven;

import io.devstack.core.dump.DumpRefresh;
import io.devstack.core.dump.DumpRefreshRequest;
import io.devstack.core.dump.Migration;
import io.devstack.core.engine.Engine;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.time.Duration;
import java.util.List;

/**
 * Refreshes the committed dumps from the migrations: a throwaway container of each database service gets the
 * committed dump, the migrations run, and the database's own tool writes a normalised, deterministic dump.
 * {@code -Ddevstack.dump.check=true} writes nothing and fails with a diff when a dump has drifted.
 */
@Mojo(name = "dump", threadSafe = true, requiresProject = true)
public class DumpMojo extends AbstractDataMojo {


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



    @Override
    void run(Engine engine) throws MojoFailureException {
        DumpRefreshRequest request = new DumpRefreshRequest(composeRequest(), dumpsDir(),
                split(databases), dataTables, schemaOnlyTables,
                migrationGlobs(), migration(engine), fromScratch, check, live,
                Duration.ofSeconds(timeout));
        new DumpRefresh(engine, progress()).run(request);
    }

    private Migration migration(Engine engine) throws MojoFailureException {
        Migration migration = configuredMigration(engine);
        if (migration == null) {
            getLog().info("no migrations configured: the dump is refreshed from the committed one as it loads");
            return Migration.NONE;
        }
        return migration;
    }
}
