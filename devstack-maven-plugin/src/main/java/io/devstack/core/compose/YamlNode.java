package io.devstack.core.compose;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML node that knows its file, line and key path, so every type error names them. String values are
 * interpolated on read; keys are not (as the compose spec says).
 */
final class YamlNode {
    private final Node node;
    private final Path file;
    private final String path;
    private final Interpolator interpolator;
    private final int line;

    YamlNode(Node node, Path file, String path, Interpolator interpolator) {
        this(node, file, path, interpolator, node.getStartMark().getLine() + 1);
    }

    /** {@code line} is where the key stands: a block value starts on the line after its key. */
    private YamlNode(Node node, Path file, String path, Interpolator interpolator, int line) {
        this.node = node;
        this.file = file;
        this.path = path;
        this.interpolator = interpolator;
        this.line = line;
    }

    int line() {
        return line;
    }

    String path() {
        return path;
    }

    Path file() {
        return file;
    }

    boolean isMap() {
        return node instanceof MappingNode;
    }

    boolean isList() {
        return node instanceof SequenceNode;
    }

    boolean isNull() {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    ComposeFileException fail(String problem) {
        return new ComposeFileException(file, line(), path, problem);
    }

    Map<String, YamlNode> map() {
        if (isNull()) {
            return new LinkedHashMap<>();
        }
        if (!isMap()) {
            throw fail("expected a mapping (key: value) but found " + kind());
        }
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        List<YamlNode> merged = new ArrayList<>();
        for (NodeTuple tuple : ((MappingNode) node).getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode)) {
                throw new ComposeFileException(file, tuple.getKeyNode().getStartMark().getLine() + 1, path,
                        "keys must be plain strings");
            }
            String key = ((ScalarNode) tuple.getKeyNode()).getValue();
            int keyLine = tuple.getKeyNode().getStartMark().getLine() + 1;
            if ("<<".equals(key)) {
                merged.add(child(tuple.getValueNode(), key, keyLine));
                continue;
            }
            if (entries.containsKey(key)) {
                // SnakeYAML checks duplicates only when constructing objects, not on the node graph we read
                throw new ComposeFileException(file, keyLine, path.isEmpty() ? key : path + "." + key,
                        "duplicate key \"" + key + "\" (first on line " + entries.get(key).line() + "); keep one");
            }
            entries.put(key, child(tuple.getValueNode(), key, keyLine));
        }
        for (YamlNode source : merged) {
            mergeInto(entries, source);
        }
        return entries;
    }

    /** YAML merge keys ({@code <<: *anchor}): explicit keys of the mapping win over merged ones. */
    private static void mergeInto(Map<String, YamlNode> entries, YamlNode merged) {
        List<YamlNode> sources = merged.isList() ? merged.list() : List.of(merged);
        for (YamlNode source : sources) {
            source.map().forEach(entries::putIfAbsent);
        }
    }

    private YamlNode child(Node child, String key, int keyLine) {
        return new YamlNode(child, file, path.isEmpty() ? key : path + "." + key, interpolator, keyLine);
    }

    List<YamlNode> list() {
        if (isNull()) {
            return new ArrayList<>();
        }
        if (!isList()) {
            throw fail("expected a list but found " + kind());
        }
        List<Node> items = ((SequenceNode) node).getValue();
        List<YamlNode> result = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            result.add(new YamlNode(items.get(i), file, path + "[" + i + "]", interpolator));
        }
        return result;
    }

    /** The scalar's text after variable interpolation. */
    String string() {
        if (!(node instanceof ScalarNode)) {
            throw fail("expected a single value but found " + kind());
        }
        String raw = ((ScalarNode) node).getValue();
        try {
            return interpolator.interpolate(raw);
        } catch (Interpolator.InterpolationException e) {
            throw fail(e.getMessage());
        }
    }

    int integer() {
        String text = string().strip();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw fail("expected a whole number but found \"" + text + "\"");
        }
    }

    boolean bool() {
        String text = string().strip().toLowerCase(java.util.Locale.ROOT);
        switch (text) {
            case "true": case "yes": case "on": case "y":
                return true;
            case "false": case "no": case "off": case "n":
                return false;
            default:
                throw fail("expected true or false but found \"" + text + "\"");
        }
    }

    Duration duration() {
        String text = string().strip();
        try {
            return GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw fail("expected a duration such as 10s, 1m30s or 500ms but found \"" + text + "\"");
        }
    }

    /** A value that may be written as one string or as a list of strings (command, entrypoint, env_file). */
    List<String> stringOrList() {
        if (isList()) {
            List<String> values = new ArrayList<>();
            for (YamlNode item : list()) {
                values.add(item.string());
            }
            return values;
        }
        return List.of(string());
    }

    /**
     * A mapping written as a map or as a list of {@code KEY=VALUE} strings (environment, labels, args).
     * A key without a value maps to null: "take it from the environment".
     */
    Map<String, String> keyValues() {
        Map<String, String> values = new LinkedHashMap<>();
        if (isList()) {
            for (YamlNode item : list()) {
                String entry = item.string();
                int eq = entry.indexOf('=');
                values.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? null : entry.substring(eq + 1));
            }
        } else {
            map().forEach((key, value) -> values.put(key, value.isNull() ? null : value.string()));
        }
        return values;
    }

    String kind() {
        if (isNull()) {
            return "nothing";
        }
        if (isMap()) {
            return "a mapping";
        }
        if (isList()) {
            return "a list";
        }
        return "\"" + ((ScalarNode) node).getValue() + "\"";
    }
}
