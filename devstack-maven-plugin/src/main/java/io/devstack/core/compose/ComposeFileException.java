package io.devstack.core.compose;

import io.devstack.core.DevstackException;

import java.nio.file.Path;

/** A compose file (or .env) that cannot be used as written: names the file, the line and the key. */
public class ComposeFileException extends DevstackException {
    private final Path file;
    private final int line;
    private final String key;

    public ComposeFileException(Path file, int line, String key, String problem) {
        super(location(file, line, key) + problem);
        this.file = file;
        this.line = line;
        this.key = key;
    }

    private static String location(Path file, int line, String key) {
        StringBuilder sb = new StringBuilder(String.valueOf(file));
        if (line > 0) {
            sb.append(" line ").append(line);
        }
        if (key != null && !key.isEmpty()) {
            sb.append(" (").append(key).append(")");
        }
        return sb.append(": ").toString();
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String key() {
        return key;
    }
}
