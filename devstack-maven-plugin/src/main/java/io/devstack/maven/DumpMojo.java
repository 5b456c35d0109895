package io.devstack.maven;

import io.devstack.core.dump.DumpRefresh;
import io.devstack.core.dump.DumpRefreshRequest;
import io.devstack.core.dump.Migration;
import io.devstack.core.dump.MigrationSources;
import io.devstack.core.dump.Migrations;
import io.devstack.core.engine.Engine;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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

    /** Tables whose rows are kept in the dump (everything else is schema only). */
    @Parameter
    List<String> dataTables = List.of("flyway_schema_history", "DATABASECHANGELOG", "databasechangelog");

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

    /** Start from an empty database instead of the committed dump. */
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
                split(databases), dataTables, migrationSources, migration(engine), fromScratch, check, live,
                Duration.ofSeconds(timeout));
        new DumpRefresh(engine, new MavenProgress(getLog())).run(request);
    }

    private Migration migration(Engine engine) throws MojoFailureException {
        int kinds = (migrationGoals != null ? 1 : 0) + (migrationExec != null ? 1 : 0) + (migrationScript != null ? 1 : 0);
        if (kinds > 1) {
            throw new MojoFailureException("configure one of <migrationGoals>, <migrationExec> and <migrationScript>, "
                    + "not several");
        }
        if (migrationExec != null) {
            return Migrations.exec(engine, migrationExec);
        }
        if (migrationScript != null) {
            if (!migrationScript.isFile()) {
                throw new MojoFailureException("<migrationScript> " + migrationScript + " does not exist");
            }
            return Migrations.process(List.of("bash", migrationScript.getAbsolutePath()), basedir.toPath(),
                    connection -> List.of());
        }
        if (migrationGoals != null) {
            return Migrations.process(mavenCommand(), basedir.toPath(), connection -> List.of(
                    "-Dflyway.url=" + connection.get("url"), "-Dflyway.user=" + connection.get("user"),
                    "-Dflyway.password=" + connection.get("password"),
                    "-Dliquibase.url=" + connection.get("url"), "-Dliquibase.username=" + connection.get("user"),
                    "-Dliquibase.password=" + connection.get("password"),
                    "-Ddevstack.db.url=" + connection.get("url"), "-Ddevstack.db.user=" + connection.get("user"),
                    "-Ddevstack.db.password=" + connection.get("password")));
        }
        getLog().info("no migrations configured: the dump is refreshed from the committed one as it loads");
        return Migration.NONE;
    }

    /** The same Maven, local repository and settings as this build, so the goal resolves what this build has. */
    private List<String> mavenCommand() {
        String home = System.getProperty("maven.home");
        List<String> command = new ArrayList<>();
        command.add(home != null ? Path.of(home, "bin", "mvn").toString() : "mvn");
        command.add("-B");
        command.add("-q");
        command.add("-Dmaven.repo.local=" + session.getLocalRepository().getBasedir());
        if (session.getRequest().getUserSettingsFile() != null && session.getRequest().getUserSettingsFile().isFile()) {
            command.add("-s");
            command.add(session.getRequest().getUserSettingsFile().getAbsolutePath());
        }
        command.add("-Ddevstack.skip=true");
        command.addAll(List.of(migrationGoals.trim().split("\\s+")));
        return command;
    }
}
