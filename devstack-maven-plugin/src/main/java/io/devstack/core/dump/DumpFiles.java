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
                dumps.add(new DumpFile(service, database, file, gz));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dumps;
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
