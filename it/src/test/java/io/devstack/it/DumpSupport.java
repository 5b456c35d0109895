package io.devstack.it;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Helpers shared by the dump, provision and reset ITs: digests, generated dumps, one-off containers. */
final class DumpSupport {
    private DumpSupport() {
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a dump of one table {@code big (id, payload)} with {@code statements} multi-row INSERTs of
     * {@code rowsPerStatement} rows each (ids 1..N), valid for MariaDB and PostgreSQL; returns the row count.
     */
    static int writeBigDump(Path file, int statements, int rowsPerStatement) {
        try {
            Files.createDirectories(file.getParent());
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write("CREATE TABLE big (id INT PRIMARY KEY, payload VARCHAR(200) NOT NULL);\n");
                int id = 0;
                StringBuilder row = new StringBuilder(160);
                for (int s = 0; s < statements; s++) {
                    out.write("INSERT INTO big VALUES ");
                    for (int r = 0; r < rowsPerStatement; r++) {
                        id++;
                        row.setLength(0);
                        row.append(r == 0 ? "" : ",").append('(').append(id).append(",'row-").append(id).append('-');
                        while (row.length() < 110) {
                            row.append('x');
                        }
                        row.append("')");
                        out.write(row.toString());
                    }
                    out.write(";\n");
                }
                return id;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Containers devstack made outside the compose project (throwaway dump databases, snapshot copies). */
    static List<String> devstackContainers(String project) {
        return DockerCli.lines(DockerCli.run("ps", "-aq", "--no-trunc", "--filter", "label=io.devstack.project=" + project));
    }

    /** Removes whatever a failed test left: the compose project and devstack's own helper containers. */
    static void purge(String project) {
        for (String id : devstackContainers(project)) {
            DockerCli.tryRun("rm", "-f", "-v", id);
        }
        DockerCli.purge(project);
        for (String id : devstackContainers(project)) {
            DockerCli.tryRun("rm", "-f", "-v", id);
        }
    }

    /** Names of the entries (dot files included) at the top of a volume, read by a one-off container. */
    static List<String> volumeEntries(String volume, String image) {
        return DockerCli.lines(DockerCli.run("run", "--rm", "--network", "none", "--entrypoint", "sh", "-v",
                volume + ":/data:ro", image, "-c", "ls -A /data")).stream().sorted().toList();
    }

    /** Seconds in a devstack duration such as "812 ms", "4.2 s" or "1 min 05 s" found after {@code prefix}. */
    static double secondsAfter(String log, String prefix) {
        Matcher m = Pattern.compile(Pattern.quote(prefix) + " ((\\d+) min (\\d+) s|([\\d.]+) s|(\\d+) ms)").matcher(log);
        if (!m.find()) {
            throw new AssertionError("no duration after \"" + prefix + "\" in the log");
        }
        if (m.group(2) != null) {
            return Integer.parseInt(m.group(2)) * 60 + Integer.parseInt(m.group(3));
        }
        if (m.group(4) != null) {
            return Double.parseDouble(m.group(4));
        }
        return Integer.parseInt(m.group(5)) / 1000.0;
    }

    static long count(String text, String needle) {
        long n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }
}
