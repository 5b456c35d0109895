package io.devstack.core.publish;

import io.devstack.core.DevstackException;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The stacks a developer has linked to local checkouts, in {@code .devstack/links.properties} of the project: alias
 * to the checkout's path as typed (relative paths are relative to the project). The directory ignores itself for
 * git, so a link never lands in a commit.
 */
public final class Links {
    public static final String FILE = ".devstack/links.properties";

    private Links() {
    }

    /** The recorded links, alias to path as typed; none when the file does not exist. */
    public static Map<String, String> read(Path project) {
        Path file = project.resolve(FILE);
        Map<String, String> links = new TreeMap<>();
        if (!Files.isRegularFile(file)) {
            return links;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new LinkException(FILE + " cannot be read (" + e.getMessage() + "); fix or delete it, then link "
                    + "again with mvn devstack:link");
        }
        properties.stringPropertyNames().forEach(alias -> links.put(alias, properties.getProperty(alias).strip()));
        return links;
    }

    /** Records {@code alias} → {@code path}, replacing an earlier link of that alias. */
    public static void link(Path project, String alias, String path) {
        Map<String, String> links = read(project);
        links.put(alias, path);
        write(project, links);
    }

    /** Removes the link of {@code alias}; returns whether there was one. */
    public static boolean unlink(Path project, String alias) {
        Map<String, String> links = read(project);
        boolean had = links.remove(alias) != null;
        if (had) {
            write(project, links);
        }
        return had;
    }

    private static void write(Path project, Map<String, String> links) {
        Path file = project.resolve(FILE);
        StringBuilder text = new StringBuilder("# stacks linked to local checkouts: mvn devstack:link / devstack:unlink\n");
        links.forEach((alias, path) -> text.append(alias).append('=').append(path.replace("\\", "\\\\")).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            Path ignore = file.getParent().resolve(".gitignore");
            if (!Files.exists(ignore)) {
                Files.writeString(ignore, "# local to this checkout: never committed\n*\n");
            }
            Path temp = file.resolveSibling("links.properties.tmp");
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A link that cannot be recorded or followed. */
    public static final class LinkException extends DevstackException {
        public LinkException(String message) {
            super(message);
        }
    }
}
