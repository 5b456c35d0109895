package io.devstack.core.dump;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds the dumps of a service, in name order. */
public final class DumpFiles {
    private static final String DATABASE_NAME = "[A-Za-z0-9_][A-Za-z0-9_-]{0,62}";

    private DumpFiles() {
    }

    public static List<DumpFile> of(Path dumpsDir, String service) {
        Path dir = dumpsDir.resolve(service);
        List<DumpFile> dumps = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return dumps;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                boolean gz = name.endsWith(".sql.gz");
                if (!gz && !name.endsWith(".sql")) {
                    continue;
                }
                String database = name.substring(0, name.length() - (gz ? 7 : 4));
                if (!database.matches(DATABASE_NAME)) {
                    throw new DumpException(file + ": \"" + database + "\" is not a usable database name; rename the "
                            + "file to <database>.sql using letters, digits, '_' and '-'");
                }
                checkReadable(file, gz);
                dumps.add(new DumpFile(service, database, file, gz));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dumps;
    }

    /** A dump that cannot load fails here, before anything starts, not half way through up. */
    private static void checkReadable(Path file, boolean gz) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DumpException(file + " is not a file; a dump is one .sql or .sql.gz file per database");
        }
        if (gz) {
            try (var in = Files.newInputStream(file)) {
                byte[] magic = in.readNBytes(2);
                if (magic.length < 2 || (magic[0] & 0xff) != 0x1f || (magic[1] & 0xff) != 0x8b) {
                    throw new DumpException(file + " is not a gzip file (it does not start like one); compress it "
                            + "with gzip, or rename it to .sql if it is plain SQL");
                }
            }
        }
    }

    /** Every service directory under dumps/, so a typo in a service name does not go unnoticed. */
    public static List<String> serviceDirs(Path dumpsDir) {
        if (!Files.isDirectory(dumpsDir)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(dumpsDir)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
