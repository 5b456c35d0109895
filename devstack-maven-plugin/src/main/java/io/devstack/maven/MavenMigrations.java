package io.devstack.maven;

import io.devstack.core.dump.Migration;
import io.devstack.core.dump.Migrations;
import io.devstack.core.dump.SqlScripts;
import io.devstack.core.engine.Engine;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The migration configured by {@code <migrationGoals>}, {@code <migrationExec>} or {@code <migrationScript>}. */
final class MavenMigrations {
    private MavenMigrations() {
    }

    /** The one configured migration, or null when none is. */
    static Migration of(Engine engine, String goals, String exec, File script, String sql, File basedir,
                        MavenSession session) throws MojoFailureException {
        int kinds = (goals != null ? 1 : 0) + (exec != null ? 1 : 0) + (script != null ? 1 : 0) + (sql != null ? 1 : 0);
        if (kinds > 1) {
            throw new MojoFailureException("configure one of <migrationGoals>, <migrationExec>, <migrationScript> and "
                    + "<migrationSql>, not several");
        }
        if (sql != null) {
            List<Path> files = sqlFiles(sql, basedir);
            SqlScripts.checkExist(files, "<migrationSql>");
            return new SqlScripts(engine, files, basedir.toPath().toAbsolutePath().normalize());
        }
        if (exec != null) {
            return Migrations.exec(engine, exec);
        }
        if (script != null) {
            if (!script.isFile()) {
                throw new MojoFailureException("<migrationScript> " + script + " does not exist");
            }
            return Migrations.process(List.of("bash", script.getAbsolutePath()), basedir.toPath(),
                    connection -> List.of());
        }
        if (goals != null) {
            return Migrations.process(mavenCommand(goals, session), basedir.toPath(), connection -> List.of(
                    "-Dflyway.url=" + connection.get("url"), "-Dflyway.user=" + connection.get("user"),
                    "-Dflyway.password=" + connection.get("password"),
                    "-Dliquibase.url=" + connection.get("url"), "-Dliquibase.username=" + connection.get("user"),
                    "-Dliquibase.password=" + connection.get("password"),
                    "-Ddevstack.db.url=" + connection.get("url"), "-Ddevstack.db.user=" + connection.get("user"),
                    "-Ddevstack.db.password=" + connection.get("password")));
        }
        return null;
    }

    /** The files of {@code <migrationSql>} (comma separated, relative to the project), in order. */
    static List<Path> sqlFiles(String sql, File basedir) {
        return sql == null ? List.of() : AbstractDevstackMojo.split(sql).stream()
                .map(f -> basedir.toPath().resolve(f).toAbsolutePath().normalize()).toList();
    }

    /**
     * The migration sources whose digest goes into a dump's header: the configured globs plus the
     * {@code <migrationSql>} files, so every goal computes the same digest from the same configuration.
     */
    static List<String> sources(List<String> globs, String sql) {
        List<String> all = new ArrayList<>(globs);
        for (String file : AbstractDevstackMojo.split(sql)) {
            if (!all.contains(file)) {
                all.add(file);
            }
        }
        return all;
    }

    /** The same Maven, local repository and settings as this build, so the goal resolves what this build has. */
    private static List<String> mavenCommand(String goals, MavenSession session) {
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
        command.addAll(List.of(goals.trim().split("\\s+")));
        return command;
    }
}
