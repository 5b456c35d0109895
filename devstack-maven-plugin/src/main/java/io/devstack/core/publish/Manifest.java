package io.devstack.core.publish;

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
        yaml.append("stacks:").append(request.includedStacks().isEmpty() ? " []\n" : "\n");
        request.includedStacks().forEach(s -> yaml.append("  - ").append(quote(s)).append('\n'));
        return yaml.toString();
    }

    /** A YAML double-quoted scalar. */
    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
