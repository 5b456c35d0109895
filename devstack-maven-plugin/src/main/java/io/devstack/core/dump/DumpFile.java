package io.devstack.core.dump;

import java.nio.file.Path;

/** A committed dump: {@code dumps/<service>/<database>.sql} or {@code .sql.gz}. */
public record DumpFile(String service, String database, Path path, boolean gzipped) {
}
