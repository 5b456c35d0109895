package io.devstack.core.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code .dockerignore} as the Docker CLI reads it: comments, {@code *}, {@code ?}, character classes,
 * {@code **} across directories, {@code !} exceptions (the last matching line wins), and a pattern that matches
 * a directory excludes everything below it.
 */
public final class DockerIgnore {
    private record Rule(Pattern pattern, boolean exception, String text) {
    }

    private final List<Rule> rules;

    private DockerIgnore(List<Rule> rules) {
        this.rules = rules;
    }

    public static DockerIgnore none() {
        return new DockerIgnore(List.of());
    }

    public static DockerIgnore read(Path contextDir) {
        Path file = contextDir.resolve(".dockerignore");
        if (!Files.isRegularFile(file)) {
            return none();
        }
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static DockerIgnore parse(List<String> lines) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean exception = line.startsWith("!");
            if (exception) {
                line = line.substring(1).strip();
            }
            line = clean(line);
            if (line.isEmpty()) {
                continue;
            }
            rules.add(new Rule(Pattern.compile(regex(line)), exception, line));
        }
        return new DockerIgnore(rules);
    }

    /** Whether a context-relative path ({@code /}-separated) stays out of the context. */
    public boolean excludes(String path) {
        boolean excluded = false;
        for (Rule rule : rules) {
            if (matchesSelfOrParent(rule.pattern(), path)) {
                excluded = !rule.exception();
            }
        }
        return excluded;
    }

    /** An excluded directory must still be walked when an exception could bring something below it back. */
    public boolean mayIncludeBelow(String dir) {
        return rules.stream().anyMatch(Rule::exception);
    }

    private static boolean matchesSelfOrParent(Pattern pattern, String path) {
        if (pattern.matcher(path).matches()) {
            return true;
        }
        for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
            if (pattern.matcher(path.substring(0, slash)).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Like Go's filepath.Clean on a relative pattern: no leading "/", "./", duplicate or trailing slashes. */
    private static String clean(String pattern) {
        String p = pattern.replace('\\', '/');
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        List<String> parts = new ArrayList<>();
        for (String part : p.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..") && !parts.isEmpty() && !parts.get(parts.size() - 1).equals("..")) {
                parts.remove(parts.size() - 1);
            } else {
                parts.add(part);
            }
        }
        return String.join("/", parts);
    }

    private static String regex(String pattern) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*') {
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                    i++;
                    if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '/') {
                        i++;
                        sb.append("(?:.*/)?");
                    } else {
                        sb.append(".*");
                    }
                } else {
                    sb.append("[^/]*");
                }
            } else if (c == '?') {
                sb.append("[^/]");
            } else if (c == '[') {
                int end = pattern.indexOf(']', i + 1);
                if (end < 0) {
                    sb.append("\\[");
                } else {
                    String body = pattern.substring(i + 1, end);
                    if (body.startsWith("!") || body.startsWith("^")) {
                        body = "^" + body.substring(1);
                    }
                    sb.append('[').append(body.replace("\\", "\\\\")).append(']');
                    i = end;
                }
            } else if (c == '\\' && i + 1 < pattern.length()) {
                sb.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else {
                sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return sb.toString();
    }
}
