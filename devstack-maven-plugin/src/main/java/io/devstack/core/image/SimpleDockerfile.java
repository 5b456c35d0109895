package io.devstack.core.image;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A Dockerfile made only of instructions that add files or set config (FROM once, COPY without flags, ENV,
 * WORKDIR, USER, ENTRYPOINT, CMD, EXPOSE, LABEL). Such a file can be assembled into an image directly, without a
 * builder; anything else (RUN, ADD, multi-stage, COPY --from) needs the daemon's builder.
 */
record SimpleDockerfile(String from, List<Copy> copies, Map<String, String> env, String workdir, String user,
                        List<String> entrypoint, List<String> cmd, List<String> expose, Map<String, String> labels) {

    record Copy(String source, String target) {
    }

    static Optional<SimpleDockerfile> parse(String text) {
        String from = null;
        List<Copy> copies = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        List<String> expose = new ArrayList<>();
        String workdir = null;
        String user = null;
        List<String> entrypoint = null;
        List<String> cmd = null;
        for (String line : logicalLines(text)) {
            int space = line.indexOf(' ');
            String instruction = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
            String args = space < 0 ? "" : line.substring(space + 1).strip();
            switch (instruction) {
                case "FROM":
                    if (from != null || args.contains(" ")) {
                        return Optional.empty(); // multi-stage or FROM ... AS
                    }
                    from = args;
                    break;
                case "COPY":
                    String[] parts = args.split("\\s+");
                    if (parts.length != 2 || parts[0].startsWith("--") || args.startsWith("[")) {
                        return Optional.empty();
                    }
                    copies.add(new Copy(parts[0], parts[1]));
                    break;
                case "ENV":
                    env.putAll(keyValues(args));
                    break;
                case "LABEL":
                    labels.putAll(keyValues(args));
                    break;
                case "WORKDIR":
                    workdir = args;
                    break;
                case "USER":
                    user = args;
                    break;
                case "EXPOSE":
                    for (String port : args.split("\\s+")) {
                        expose.add(port.contains("/") ? port : port + "/tcp");
                    }
                    break;
                case "ENTRYPOINT":
                    entrypoint = command(args);
                    break;
                case "CMD":
                    cmd = command(args);
                    break;
                default:
                    return Optional.empty();
            }
        }
        if (from == null) {
            return Optional.empty();
        }
        return Optional.of(new SimpleDockerfile(from, copies, env, workdir, user, entrypoint, cmd, expose, labels));
    }

    private static List<String> logicalLines(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (current.length() == 0 && (line.isEmpty() || line.startsWith("#"))) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            lines.add(current.toString().strip());
            current.setLength(0);
        }
        if (current.length() > 0) {
            lines.add(current.toString().strip());
        }
        return lines;
    }

    private static List<String> command(String args) {
        if (args.startsWith("[")) {
            try {
                return new ObjectMapper().readValue(args, new TypeReference<List<String>>() { });
            } catch (Exception e) {
                throw new TemplateFailedException("the rendered Dockerfile has an invalid exec form: " + args);
            }
        }
        return List.of("/bin/sh", "-c", args);
    }

    private static Map<String, String> keyValues(String args) {
        Map<String, String> values = new LinkedHashMap<>();
        if (!args.contains("=")) {
            int space = args.indexOf(' ');
            values.put(args.substring(0, space < 0 ? args.length() : space),
                    space < 0 ? "" : args.substring(space + 1).strip());
            return values;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("([^\\s=]+)=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S*)").matcher(args);
        while (m.find()) {
            String value = m.group(2);
            if (value.startsWith("\"")) {
                value = value.substring(1, value.length() - 1).replace("\\\"", "\"");
            }
            values.put(m.group(1), value);
        }
        return values;
    }
}
