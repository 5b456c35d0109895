package io.devstack.core.dump;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The comment lines devstack:dump puts on top of a dump: the database kind, the digest of the migration sources
 * it was made from and one line per migration file, so {@code up} can tell when (and how much) a dump went stale.
 */
public final class DumpHeader {
    private static final Pattern MIGRATIONS = Pattern.compile("^-- migrations: sha256:([0-9a-f]{64}) \\((\\d+) files\\)$");
    private static final Pattern FILE = Pattern.compile("^-- migration ([0-9a-f]{12}) (.+)$");

    private DumpHeader() {
    }

    public static String format(String kind, String database, MigrationSources.Digest digest) {
        StringBuilder sb = new StringBuilder("-- devstack dump of " + kind + " database " + database
                + "; refresh with: mvn devstack:dump\n-- migrations: " + digest + "\n");
        digest.perFile().forEach((file, sha) -> sb.append("-- migration ").append(sha).append(' ').append(file)
                .append('\n'));
        return sb.toString();
    }

    /** The migration digest a dump was made from, if devstack:dump made it. */
    public static Optional<MigrationSources.Digest> read(Path dump) {
        if (dump.getFileName().toString().endsWith(".gz")) {
            return Optional.empty();
        }
        try (BufferedReader reader = Files.newBufferedReader(dump, StandardCharsets.UTF_8)) {
            String first = reader.readLine();
            String second = reader.readLine();
            Matcher m = second == null ? null : MIGRATIONS.matcher(second);
            if (first == null || !first.startsWith("-- devstack dump of ") || m == null || !m.matches()) {
                return Optional.empty();
            }
            Map<String, String> perFile = new TreeMap<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                Matcher f = FILE.matcher(line);
                if (!f.matches()) {
                    break;
                }
                perFile.put(f.group(2), f.group(1));
            }
            return Optional.of(new MigrationSources.Digest(m.group(1), perFile));
        } catch (java.nio.charset.MalformedInputException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
