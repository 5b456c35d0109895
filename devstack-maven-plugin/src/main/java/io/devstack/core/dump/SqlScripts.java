package io.devstack.core.dump;

import io.devstack.core.engine.Engine;
import io.devstack.core.engine.ExecResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * SQL scripts that build the whole schema and its data (Spring's {@code schema.sql} and {@code data.sql}, or any
 * such files), applied in order with the database's own client inside its container. They build from nothing, so
 * {@code devstack:dump} and its check run them on an empty database, never on top of the committed dump.
 */
public final class SqlScripts implements Migration {
    private static final String COPY_DIR = "/tmp/devstack-migration";
    private final Engine engine;
    private final List<Path> files;
    private final Path projectDir;

    public SqlScripts(Engine engine, List<Path> files, Path projectDir) {
        this.engine = engine;
        this.files = List.copyOf(files);
        this.projectDir = projectDir;
    }

    /** Fails naming the first file that does not exist, before anything runs. */
    public static void checkExist(List<Path> files, String element) {
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new DumpException(element + " names " + file + ", which does not exist; fix the path (relative "
                        + "to the project directory)");
            }
        }
    }

    public List<Path> files() {
        return files;
    }

    @Override
    public void migrate(LoadTarget target, Map<String, String> connection) {
        DumpDialect dialect = target.dialect();
        String database = connection.get("database");
        engine.exec(target.containerId(), List.of("mkdir", "-p", COPY_DIR), Map.of());
        for (Path file : files) {
            String shown = projectDir.relativize(file.toAbsolutePath().normalize()).toString();
            engine.copyFile(target.containerId(), file, COPY_DIR, file.getFileName().toString());
            ExecResult result = engine.exec(target.containerId(), DumpDialect.shell(dialect.load(target.service(),
                    database, COPY_DIR + "/" + file.getFileName())), dialect.clientEnv(target.service()));
            if (!result.succeeded()) {
                var at = dialect.error(result.stderr().strip());
                String tail = result.stderr().strip().lines().reduce((a, b) -> b).orElse("exit code " + result.exitCode());
                throw new DumpException(shown + (at.isPresent() ? " line " + at.get().line() + ": " + at.get().message()
                        : ": " + tail) + " — fix the script; nothing was written");
            }
        }
    }

    @Override
    public void migrate(Map<String, String> connection, String container) {
        throw new IllegalStateException("SQL scripts run through the database's client: call migrate(target, ...)");
    }

    @Override
    public boolean buildsWholeSchema() {
        return true;
    }

    @Override
    public boolean runsOnHost() {
        return false;
    }
}
