package io.devstack.core.provision;

import io.devstack.core.Durations;
import io.devstack.core.Hashes;
import io.devstack.core.Progress;
import io.devstack.core.dump.DumpDialect;
import io.devstack.core.engine.Engine;
import io.devstack.core.engine.ExecResult;
import io.devstack.core.stack.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs a service's provision scripts inside its container: {@code .sql} through the database's own client (in the
 * database its environment creates), {@code .sh} with bash (or sh). A marker beside the data records each script
 * that ran (with its digest), so a script runs once per stack, again when it changed, and always when asked.
 */
public final class Provisioner {
    private static final String COPY_DIR = "/tmp/devstack-provision";
    private static final Pattern SHELL_LINE = Pattern.compile("devstack: line (\\d+): exit (\\d+)");
    private final Engine engine;
    private final Progress progress;
    private final Path projectDir;

    public Provisioner(Engine engine, Progress progress, Path projectDir) {
        this.engine = engine;
        this.progress = progress;
        this.projectDir = projectDir;
    }

    public static List<ProvisionScript> of(Path provisionDir, String service) {
        Path dir = provisionDir.resolve(service);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<ProvisionScript> scripts = new ArrayList<>();
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".sql") || name.endsWith(".sh")) {
                    scripts.add(new ProvisionScript(service, file, name.endsWith(".sql"), name.contains(".always.")));
                }
            }
            return scripts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the scripts not run yet (all of them with {@code force}); returns how many ran. */
    public int run(String containerId, Service service, DumpDialect dialect, List<ProvisionScript> scripts,
                   boolean force) {
        int ran = 0;
        String markerDir = dialect != null ? dialect.dataDir(service) : "/var/tmp";
        for (ProvisionScript script : scripts) {
            String shown = projectDir.relativize(script.path().toAbsolutePath()).toString();
            String digest = sha256(script.path());
            String marker = markerDir + "/.devstack-provision." + script.name();
            if (!force && !script.always()) {
                ExecResult state = engine.exec(containerId, List.of("sh", "-c", "cat '" + marker + "' 2>/dev/null || true"),
                        Map.of());
                if (state.stdout().strip().equals(digest)) {
                    continue;
                }
            }
            if (script.sql() && dialect == null) {
                throw new ProvisionException(shown + ": service " + service.name() + " runs no database devstack knows, "
                        + "so it cannot run .sql scripts; use a .sh script");
            }
            long start = System.nanoTime();
            Thread interrupted = new Thread(() -> progress.warn("provisioning " + service.name() + " was interrupted "
                    + "while " + shown + " ran; it was not marked done, so the next up runs it again"),
                    "devstack-provision-interrupted");
            Runtime.getRuntime().addShutdownHook(interrupted);
            try {
                runScript(containerId, service, dialect, script, shown, digest, marker);
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(interrupted);
                } catch (IllegalStateException shuttingDown) {
                    // the hook says what happened
                }
            }
            progress.info("provisioned " + service.name() + " with " + shown + " in " + Durations.since(start));
            ran++;
        }
        return ran;
    }

    private void runScript(String containerId, Service service, DumpDialect dialect, ProvisionScript script,
                           String shown, String digest, String marker) {
        engine.exec(containerId, List.of("mkdir", "-p", COPY_DIR), Map.of());
        engine.copyFile(containerId, script.path(), COPY_DIR, script.name());
        String file = COPY_DIR + "/" + script.name();
        ExecResult result = script.sql()
                ? engine.exec(containerId, DumpDialect.shell(dialect.load(service, dialect.defaultDatabase(service),
                file)), dialect.clientEnv(service))
                : engine.exec(containerId, List.of("sh", "-c", shellRunner(file)),
                dialect == null ? Map.of() : dialect.clientEnv(service));
        if (!result.succeeded()) {
            throw failure(shown, script, dialect, result);
        }
        engine.exec(containerId, List.of("sh", "-c", "printf '%s' '" + digest + "' > '" + marker + "'"), Map.of());
    }

    /** bash reports the failing line through an ERR trap; plain sh only the exit code. */
    private static String shellRunner(String file) {
        return "f='" + file + "'; if command -v bash >/dev/null 2>&1; then "
                + "bash -eE -c 'trap \"echo \\\"devstack: line \\$LINENO: exit \\$?\\\" >&2\" ERR; . \"$0\"' \"$f\"; "
                + "else sh -e \"$f\"; fi; rc=$?; rm -f \"$f\"; exit $rc";
    }

    private ProvisionException failure(String shown, ProvisionScript script, DumpDialect dialect, ExecResult result) {
        String output = (result.stdout() + "\n" + result.stderr()).strip();
        List<String> lines = output.lines().toList();
        String tail = String.join("\n    ", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        String where = "";
        if (script.sql()) {
            var at = dialect.error(result.stderr());
            if (at.isPresent()) {
                where = " line " + at.get().line() + ": " + at.get().message();
            }
        } else {
            Matcher m = SHELL_LINE.matcher(result.stderr());
            if (m.find()) {
                where = " line " + m.group(1);
            }
        }
        return new ProvisionException(shown + where + " — failed with exit code " + result.exitCode()
                + "; it was not marked done, so the next up runs it again. Output tail:\n    " + tail);
    }

    private static String sha256(Path file) {
        return Hashes.sha256(file);
    }
}
