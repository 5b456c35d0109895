package io.devstack.core.compose;

import io.devstack.core.stack.Mount;

import java.nio.file.Path;
import java.util.Map;

/** Parses compose service {@code volumes:} entries (short {@code SOURCE:TARGET[:MODE]} and long syntax). */
final class VolumeSyntax {
    private VolumeSyntax() {
    }

    static Mount parse(YamlNode entry, Path workingDir) {
        if (entry.isMap()) {
            return parseLong(entry, workingDir);
        }
        String text = entry.string();
        String[] parts = text.split(":", -1);
        if (parts.length == 1) {
            return new Mount(Mount.Type.VOLUME, null, target(entry, parts[0]), false);
        }
        if (parts.length > 3) {
            throw entry.fail("expected SOURCE:TARGET[:MODE] but found \"" + text + "\"");
        }
        boolean readOnly = parts.length == 3 && java.util.Arrays.asList(parts[2].split(",")).contains("ro");
        return mount(entry, parts[0], target(entry, parts[1]), readOnly, workingDir, null);
    }

    private static Mount parseLong(YamlNode entry, Path workingDir) {
        Map<String, YamlNode> map = entry.map();
        YamlNode target = map.get("target");
        if (target == null) {
            throw entry.fail("a volume in long syntax needs target: (the path in the container)");
        }
        String type = map.containsKey("type") ? map.get("type").string() : null;
        String source = map.containsKey("source") ? map.get("source").string() : null;
        boolean readOnly = map.containsKey("read_only") && map.get("read_only").bool();
        if ("tmpfs".equals(type)) {
            return new Mount(Mount.Type.TMPFS, null, target(target, target.string()), false);
        }
        if (type != null && !type.equals("volume") && !type.equals("bind")) {
            throw map.get("type").fail("unsupported volume type \"" + type + "\"; use volume, bind or tmpfs");
        }
        if (source == null || source.isEmpty()) {
            if ("bind".equals(type)) {
                throw entry.fail("a bind mount needs source: (a host path)");
            }
            return new Mount(Mount.Type.VOLUME, null, target(target, target.string()), readOnly);
        }
        return mount(entry, source, target(target, target.string()), readOnly, workingDir, type);
    }

    private static Mount mount(YamlNode entry, String source, String target, boolean readOnly, Path workingDir,
                               String type) {
        boolean isPath = source.startsWith("/") || source.startsWith(".") || source.startsWith("~");
        if ("bind".equals(type) || (type == null && isPath)) {
            return new Mount(Mount.Type.BIND, hostPath(source, workingDir).toString(), target, readOnly);
        }
        if (!source.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*")) {
            throw entry.fail("\"" + source + "\" is neither a volume name nor a path; start host paths with ./ or /");
        }
        return new Mount(Mount.Type.VOLUME, source, target, readOnly);
    }

    private static Path hostPath(String source, Path workingDir) {
        if (source.startsWith("~")) {
            return Path.of(System.getProperty("user.home") + source.substring(1)).normalize();
        }
        return workingDir.resolve(source).toAbsolutePath().normalize();
    }

    private static String target(YamlNode where, String target) {
        if (!target.startsWith("/")) {
            throw where.fail("container path \"" + target + "\" must be absolute (start with /)");
        }
        return target;
    }
}
