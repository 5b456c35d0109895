package io.devstack.core.dump;

import io.devstack.core.stack.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs the generated load scripts with a real {@code /bin/sh}, with harmless stand-ins ({@code cat}, {@code wc -c})
 * in place of the database client.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class LoadsScriptTest {
    private static final String SQL = "CREATE TABLE t (id int);\nINSERT INTO t VALUES (1), (2);\n-- café ✓\n";

    @TempDir
    Path tmp;

    private record Run(int exitCode, String stdout, String stderr) {
    }

    private Run sh(String script) throws IOException, InterruptedException {
        Path out = tmp.resolve("stdout.txt");
        Path err = tmp.resolve("stderr.txt");
        Process process = new ProcessBuilder("/bin/sh", "-c", script)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("script did not finish: " + script);
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Path plain(String name, String content) throws IOException {
        Path file = tmp.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    private Path gzipped(String name, byte[] content) throws IOException {
        Path file = tmp.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content);
        }
        return file;
    }

    private static void assertGone(Path file) {
        assertFalse(Files.exists(file), file + " should have been deleted");
        assertFalse(Files.exists(Path.of(file + ".gzfail")), file + ".gzfail should have been deleted");
    }

    @Test
    void plainFileIsFedToTheClientOnStdin() throws Exception {
        Path file = plain("shop.sql", SQL);
        Run run = sh(Loads.script(file.toString(), "cat"));
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(SQL, run.stdout());
        assertGone(file);
    }

    @Test
    void plainFileByteCount() throws Exception {
        Path file = plain("shop.sql", SQL);
        Run run = sh(Loads.script(file.toString(), "wc -c"));
        assertEquals(String.valueOf(SQL.getBytes(StandardCharsets.UTF_8).length), run.stdout().strip());
        assertGone(file);
    }

    @Test
    void gzippedFileIsDecompressedIntoTheClient() throws Exception {
        Path file = gzipped("shop.sql.gz", SQL.getBytes(StandardCharsets.UTF_8));
        Run run = sh(Loads.script(file.toString(), "cat"));
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(SQL, run.stdout());
        assertEquals("", run.stderr());
        assertGone(file);
    }

    @Test
    void largeGzippedFileByteCount() throws Exception {
        byte[] content = "INSERT INTO t VALUES (42);\n".repeat(200_000).getBytes(StandardCharsets.UTF_8);
        Path file = gzipped("big.sql.gz", content);
        Run run = sh(Loads.script(file.toString(), "wc -c"));
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(String.valueOf(content.length), run.stdout().strip());
        assertGone(file);
    }

    @Test
    void clientNamingInputReadsTheFileOrStdinForGzip() throws Exception {
        Path file = plain("a.sql", SQL);
        Run run = sh(Loads.script(file.toString(), "wc -c \"$input\""));
        assertEquals(SQL.getBytes(StandardCharsets.UTF_8).length + " " + file, run.stdout().strip());
        assertGone(file);

        Path gz = gzipped("b.sql.gz", SQL.getBytes(StandardCharsets.UTF_8));
        Run gzRun = sh(Loads.script(gz.toString(), "wc -c \"$input\""));
        assertEquals(0, gzRun.exitCode(), gzRun.stderr());
        assertEquals(SQL.getBytes(StandardCharsets.UTF_8).length + " -", gzRun.stdout().strip());
        assertGone(gz);
    }

    @Test
    void corruptGzipExitsSeventy() throws Exception {
        Path file = tmp.resolve("broken.sql.gz");
        Files.writeString(file, "this is plain SQL with a .gz name\n");
        Run run = sh(Loads.script(file.toString(), "cat"));
        assertEquals(Loads.CORRUPT_GZIP_EXIT, run.exitCode());
        assertEquals(70, run.exitCode());
        assertTrue(run.stderr().contains("devstack: " + file + " is not a valid gzip file"), run.stderr());
        assertGone(file);
    }

    @Test
    void truncatedGzipExitsSeventyEvenThoughTheClientSucceeded() throws Exception {
        Path whole = gzipped("whole.sql.gz", "INSERT INTO t VALUES (7);\n".repeat(10_000).getBytes(StandardCharsets.UTF_8));
        byte[] bytes = Files.readAllBytes(whole);
        Path file = tmp.resolve("truncated.sql.gz");
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));

        Run run = sh(Loads.script(file.toString(), "wc -c"));
        assertEquals(70, run.exitCode());
        assertTrue(run.stderr().contains("is not a valid gzip file"), run.stderr());
        assertGone(file);
    }

    @Test
    void clientFailureIsTheExitCodeForPlainFiles() throws Exception {
        Path file = plain("shop.sql", SQL);
        Run run = sh(Loads.script(file.toString(), "sh -c 'cat >/dev/null; echo boom >&2; exit 3'"));
        assertEquals(3, run.exitCode());
        assertEquals("boom\n", run.stderr());
        assertGone(file);
    }

    @Test
    void clientFailureIsTheExitCodeForSmallGzipFiles() throws Exception {
        Path file = gzipped("shop.sql.gz", SQL.getBytes(StandardCharsets.UTF_8));
        Run run = sh(Loads.script(file.toString(), "sh -c 'cat >/dev/null; exit 3'"));
        assertEquals(3, run.exitCode(), run.stderr());
        assertFalse(run.stderr().contains("not a valid gzip file"), run.stderr());
        assertGone(file);
    }

    @Test
    void clientStoppingEarlyOnAValidGzipIsNotReportedAsCorrupt() throws Exception {
        byte[] content = "INSERT INTO t VALUES (42);\n".repeat(200_000).getBytes(StandardCharsets.UTF_8);
        Path file = gzipped("big.sql.gz", content);
        // reads the first statement, then fails like psql with ON_ERROR_STOP
        Run run = sh(Loads.script(file.toString(), "sh -c 'head -c 27 >/dev/null; echo \"ERROR: stop\" >&2; exit 3'"));
        assertEquals(3, run.exitCode(), run.stderr());
        assertFalse(run.stderr().contains("not a valid gzip file"), run.stderr());
        assertGone(file);
    }

    @Test
    void dialectScriptsAreValidShell() throws Exception {
        Service service = Services.service("db", Map.of());
        for (DumpDialect dialect : List.of(new MariaDbDialect(), new PostgresDialect())) {
            for (String script : List.of(
                    dialect.load(service, "shop", "/tmp/devstack-dumps/shop.sql"),
                    dialect.load(service, "shop", "/tmp/devstack-dumps/shop.sql.gz"),
                    dialect.createDatabase(service, "shop"),
                    dialect.dropDatabase(service, "shop"))) {
                Run run = sh("sh -n -c '" + script.replace("'", "'\\''") + "'");
                assertEquals(0, run.exitCode(), dialect.name() + ": " + run.stderr() + "\n" + script);
            }
        }
    }

    @Test
    void postgresLoadReadsStdinForGzip() {
        String gz = new PostgresDialect().load(Services.service("postgres", Map.of()), "shop", "/tmp/d/shop.sql.gz");
        assertTrue(gz.contains("| psql -X -q -v ON_ERROR_STOP=1 --single-transaction -d shop -f -;"), gz);
        assertTrue(gz.contains("psql -X -q -v ON_ERROR_STOP=1 --single-transaction -d shop -f \"$input\";;"), gz);
    }
}
