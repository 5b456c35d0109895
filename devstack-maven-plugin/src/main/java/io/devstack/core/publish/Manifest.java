package io.devstack.core.publish;

import io.devstack.core.compose.StackEntry;
import io.devstack.core.stack.Service;
import io.devstack.core.stack.Stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code devstack-manifest.yaml}: what a stack artifact is and needs, written in a fixed order so the same stack gives
 * the same bytes. The images a provider builds itself are marked {@code built: true}: a consumer without a registry
 * needs them loaded (or a linked checkout); the others are public references.
 */
final class Manifest {
    private Manifest() {
    }

    static String write(PackageRequest request, Stack stack, Path project, List<Path> dumps, Map<String, String> ids) {
        StringBuilder yaml = new StringBuilder("# devstack stack artifact; written by mvn devstack:package\n");
        yaml.append("format: ").append(StackPackager.FORMAT).append('\n');
        yaml.append("coordinates: ").append(quote(request.coordinates())).append('\n');
        yaml.append("project: ").append(quote(stack.project())).append('\n');
        yaml.append("composeFiles:\n");
        stack.composeFiles().forEach(f -> yaml.append("  - ").append(quote(project.relativize(f.toAbsolutePath()
                .normalize()).toString().replace('\\', '/'))).append('\n'));
        List<String> exports = request.exports().isEmpty() ? List.copyOf(stack.services().keySet()) : request.exports();
        yaml.append("exports:\n");
        exports.forEach(s -> yaml.append("  - ").append(quote(s)).append('\n'));
        yaml.append("images:\n");
        for (Service service : stack.services().values()) {
            String image = service.imageFor(stack.project());
            yaml.append("  - service: ").append(quote(service.name())).append('\n')
                    .append("    image: ").append(quote(image)).append('\n')
                    .append("    built: ").append(service.build() != null || image.equals(request.ownImage()))
                    .append('\n');
            if (ids.containsKey(image)) {
                yaml.append("    id: ").append(quote(ids.get(image))).append('\n');
            }
        }
        yaml.append("dumps:\n");
        for (Path dump : dumps) {
            yaml.append("  - path: ").append(quote("dumps/" + request.dumpsDir().relativize(dump).toString()
                    .replace('\\', '/'))).append('\n').append("    sha256: ").append(StackPackager.digest(dump))
                    .append('\n');
        }
        yaml.append("imagesArtifact: ").append(request.imagesOutput() != null).append('\n');
        yaml.append("stacks:").append(request.includedStacks().isEmpty() ? " []\n" : "\n");
        for (StackEntry entry : request.includedStacks()) {
            yaml.append("  - coordinates: ").append(quote(entry.coordinates())).append('\n')
                    .append("    alias: ").append(quote(entry.alias())).append('\n')
                    .append("    services: [").append(String.join(", ", entry.services().stream()
                            .map(Manifest::quote).toList())).append("]\n");
        }
        return yaml.toString();
    }

    /** What a consumer reads of a manifest; {@code where} names the artifact in errors. */
    static StackArtifact read(Object root, Path directory, String where) {
        if (!(root instanceof Map<?, ?> map) || !(map.get("composeFiles") instanceof List<?> files)
                || files.isEmpty() || !Integer.valueOf(StackPackager.FORMAT).equals(map.get("format"))) {
            throw new PackageException(where + ": its manifest is not of format " + StackPackager.FORMAT
                    + "; use a devstack plugin of the version that published it");
        }
        List<String> exports = strings(map.get("exports"));
        Map<String, String> built = new java.util.LinkedHashMap<>();
        Map<String, String> ids = new java.util.LinkedHashMap<>();
        for (Object image : list(map.get("images"))) {
            if (image instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("built"))) {
                built.put(String.valueOf(m.get("service")), String.valueOf(m.get("image")));
                if (m.get("id") instanceof String id) {
                    ids.put(String.valueOf(m.get("image")), id);
                }
            }
        }
        List<StackEntry> stacks = new java.util.ArrayList<>();
        for (Object entry : list(map.get("stacks"))) {
            if (!(entry instanceof Map<?, ?> m) || !(m.get("coordinates") instanceof String coordinates)
                    || !(m.get("alias") instanceof String alias)) {
                throw new PackageException(where + ": its manifest lists a stack without coordinates and alias; "
                        + "republish the provider with this devstack version");
            }
            stacks.add(new StackEntry(coordinates, alias, strings(m.get("services"))));
        }
        return new StackArtifact(directory, strings(files), exports, built, ids, stacks,
                Boolean.TRUE.equals(map.get("imagesArtifact")));
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }

    private static List<String> strings(Object value) {
        return list(value).stream().map(String::valueOf).toList();
    }

    /** A YAML double-quoted scalar. */
    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
