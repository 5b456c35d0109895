package io.devstack.core.compose;

import io.devstack.core.stack.BuildSpec;
import io.devstack.core.stack.DependencyCondition;
import io.devstack.core.stack.HealthCheck;
import io.devstack.core.stack.Mount;
import io.devstack.core.stack.PortMapping;
import io.devstack.core.stack.Service;
import io.devstack.core.stack.Stack;
import io.devstack.core.stack.VolumeDef;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads compose files into a validated {@link Stack}. Every problem is reported before anything is started,
 * as a {@link ComposeFileException} naming file, line and key. Keys devstack does not act on yet are reported
 * to {@code warnings} with their line, never silently dropped.
 */
public final class ComposeReader {
    private static final Set<String> SERVICE_KEYS = Set.of("image", "build", "command", "entrypoint", "environment",
            "env_file", "ports", "volumes", "depends_on", "healthcheck", "labels", "restart", "working_dir", "user",
            "extra_hosts", "container_name", "expose");
    private static final Set<String> TOP_LEVEL_KEYS = Set.of("services", "volumes", "name", "version", "networks");

    private final Consumer<String> warnings;

    public ComposeReader(Consumer<String> warnings) {
        this.warnings = warnings;
    }

    public Stack read(ComposeRequest request) {
        Path dir = request.workingDir().toAbsolutePath().normalize();
        Map<String, String> variables = new LinkedHashMap<>(EnvFile.read(dir.resolve(".env")));
        variables.putAll(request.environment());
        Interpolator interpolator = new Interpolator(variables);

        Map<String, Map<String, YamlNode>> serviceNodes = new LinkedHashMap<>();
        Map<String, YamlNode> serviceDefinitions = new LinkedHashMap<>();
        Map<String, YamlNode> volumeNodes = new LinkedHashMap<>();
        String nameFromFile = null;
        for (Path file : request.files()) {
            Map<String, YamlNode> top = parse(file, interpolator).map();
            for (Map.Entry<String, YamlNode> entry : top.entrySet()) {
                if (!TOP_LEVEL_KEYS.contains(entry.getKey())) {
                    warn(entry.getValue(), "top-level key is not supported by devstack and is ignored");
                }
            }
            if (top.containsKey("name")) {
                nameFromFile = top.get("name").string();
            }
            if (top.containsKey("networks")) {
                warn(top.get("networks"), "custom networks are not supported yet; every service joins "
                        + "the project's default network");
            }
            YamlNode services = top.get("services");
            if (services != null) {
                // later files override earlier ones key by key, as compose does for scalar keys
                services.map().forEach((name, node) -> {
                    serviceNodes.computeIfAbsent(name, n -> new LinkedHashMap<>()).putAll(node.map());
                    serviceDefinitions.putIfAbsent(name, node);
                });
            }
            if (top.containsKey("volumes")) {
                volumeNodes.putAll(top.get("volumes").map());
            }
        }
        Path mainFile = request.files().get(0);
        if (serviceNodes.isEmpty()) {
            throw new ComposeFileException(mainFile, 0, "services", "no services defined; add a services: section");
        }

        String project = projectName(request.projectName(), nameFromFile, dir);
        Map<String, VolumeDef> volumes = new LinkedHashMap<>();
        volumeNodes.forEach((key, node) -> volumes.put(key, volume(project, key, node)));

        Map<String, Service> services = new LinkedHashMap<>();
        Map<String, Map<String, YamlNode>> dependsOnNodes = new LinkedHashMap<>();
        serviceNodes.forEach((name, keys) -> {
            services.put(name, service(name, serviceDefinitions.get(name), keys, dir, variables, volumes));
            dependsOnNodes.put(name, keys);
        });
        validateDependencies(services, dependsOnNodes);
        return new Stack(project, dir, List.copyOf(request.files()), services, volumes);
    }

    private YamlNode parse(Path file, Interpolator interpolator) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Node root = new Yaml(options).compose(reader);
            if (root == null) {
                throw new ComposeFileException(file, 0, null, "the file is empty; add a services: section");
            }
            return new YamlNode(root, file, "", interpolator);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
            throw new ComposeFileException(file, line, null, "invalid YAML: " + e.getProblem()
                    + (e.getContext() != null ? " " + e.getContext() : ""));
        } catch (IOException e) {
            throw new ComposeFileException(file, 0, null, "cannot read: " + e.getMessage());
        }
    }

    private static String projectName(String explicit, String fromFile, Path dir) {
        String raw = explicit != null && !explicit.isBlank() ? explicit
                : fromFile != null && !fromFile.isBlank() ? fromFile
                : dir.getFileName() == null ? "default" : dir.getFileName().toString();
        String name = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "");
        name = name.replaceAll("^[^a-z0-9]+", "");
        return name.isEmpty() ? "default" : name;
    }

    private VolumeDef volume(String project, String key, YamlNode node) {
        Map<String, YamlNode> map = node.map();
        boolean external = map.containsKey("external") && map.get("external").bool();
        String name = map.containsKey("name") ? map.get("name").string() : null;
        String driver = map.containsKey("driver") ? map.get("driver").string() : null;
        Map<String, String> labels = map.containsKey("labels") ? map.get("labels").keyValues() : Map.of();
        String dockerName = name != null ? name : external ? key : project + "_" + key;
        return new VolumeDef(key, dockerName, external, driver, labels);
    }

    private Service service(String name, YamlNode definition, Map<String, YamlNode> keys, Path dir,
                            Map<String, String> variables, Map<String, VolumeDef> volumes) {
        if (!name.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*")) {
            throw definition.fail("service names may use letters, digits, '_', '.' and '-' only");
        }
        keys.forEach((key, node) -> {
            if (!SERVICE_KEYS.contains(key)) {
                warn(node, "not supported by devstack yet and ignored");
            }
        });
        String image = keys.containsKey("image") ? keys.get("image").string() : null;
        BuildSpec build = keys.containsKey("build") ? build(keys.get("build"), dir) : null;
        if (image == null && build == null) {
            throw definition.fail("service has neither image: nor build:; add one of them");
        }
        List<PortMapping> ports = new ArrayList<>();
        if (keys.containsKey("ports")) {
            for (YamlNode entry : keys.get("ports").list()) {
                ports.addAll(PortSyntax.parse(entry));
            }
        }
        List<Mount> mounts = new ArrayList<>();
        if (keys.containsKey("volumes")) {
            for (YamlNode entry : keys.get("volumes").list()) {
                Mount mount = VolumeSyntax.parse(entry, dir);
                if (mount.type() == Mount.Type.VOLUME && mount.source() != null && !volumes.containsKey(mount.source())) {
                    throw entry.fail("volume \"" + mount.source() + "\" is not declared; add it under the top-level "
                            + "volumes: key, or write ./" + mount.source() + " for a host directory");
                }
                mounts.add(mount);
            }
        }
        return new Service(name, image, build,
                optionalWords(keys.get("command")),
                optionalWords(keys.get("entrypoint")),
                environment(keys, dir, variables),
                ports, mounts,
                dependsOn(keys.get("depends_on")),
                keys.containsKey("healthcheck") ? healthcheck(keys.get("healthcheck")) : null,
                keys.containsKey("labels") ? nonNull(keys.get("labels").keyValues()) : Map.of(),
                keys.containsKey("restart") ? keys.get("restart").string() : null,
                keys.containsKey("working_dir") ? keys.get("working_dir").string() : null,
                keys.containsKey("user") ? keys.get("user").string() : null,
                keys.containsKey("extra_hosts") ? extraHosts(keys.get("extra_hosts")) : List.of(),
                keys.containsKey("container_name") ? keys.get("container_name").string() : null);
    }

    private static BuildSpec build(YamlNode node, Path dir) {
        Map<String, YamlNode> map = node.isMap() ? node.map() : Map.of();
        YamlNode contextNode = node.isMap() ? map.get("context") : node;
        Path context = dir.resolve(contextNode != null ? contextNode.string() : ".").normalize();
        if (!Files.isDirectory(context)) {
            throw (contextNode != null ? contextNode : node).fail("build context " + context + " is not a directory");
        }
        String dockerfile = map.containsKey("dockerfile") ? map.get("dockerfile").string() : "Dockerfile";
        if (!Files.isRegularFile(context.resolve(dockerfile))) {
            throw (map.containsKey("dockerfile") ? map.get("dockerfile") : node)
                    .fail("no Dockerfile at " + context.resolve(dockerfile) + "; create it or set build.dockerfile");
        }
        Map<String, String> args = map.containsKey("args") ? nonNull(map.get("args").keyValues()) : Map.of();
        String target = map.containsKey("target") ? map.get("target").string() : null;
        Map<String, String> labels = map.containsKey("labels") ? nonNull(map.get("labels").keyValues()) : Map.of();
        return new BuildSpec(context, dockerfile, args, target, labels);
    }

    private static List<String> optionalWords(YamlNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isList()) {
            return node.stringOrList();
        }
        try {
            return ShellWords.split(node.string());
        } catch (IllegalArgumentException e) {
            throw node.fail(e.getMessage() + "; close the quote or use the list form");
        }
    }

    private Map<String, String> environment(Map<String, YamlNode> keys, Path dir, Map<String, String> variables) {
        Map<String, String> env = new LinkedHashMap<>();
        if (keys.containsKey("env_file")) {
            YamlNode node = keys.get("env_file");
            for (String file : node.stringOrList()) {
                Path path = dir.resolve(file).normalize();
                if (!Files.isRegularFile(path)) {
                    throw node.fail("env_file " + path + " does not exist; create it or remove the entry");
                }
                env.putAll(EnvFile.read(path));
            }
        }
        if (keys.containsKey("environment")) {
            keys.get("environment").keyValues().forEach((key, value) -> {
                // a bare key takes its value from the environment, and is left out when unset
                String resolved = value != null ? value : variables.get(key);
                if (resolved != null) {
                    env.put(key, resolved);
                } else {
                    env.remove(key);
                }
            });
        }
        return env;
    }

    private static Map<String, DependencyCondition> dependsOn(YamlNode node) {
        Map<String, DependencyCondition> deps = new LinkedHashMap<>();
        if (node == null) {
            return deps;
        }
        if (node.isList()) {
            for (YamlNode item : node.list()) {
                deps.put(item.string(), DependencyCondition.SERVICE_STARTED);
            }
            return deps;
        }
        node.map().forEach((name, spec) -> {
            DependencyCondition condition = DependencyCondition.SERVICE_STARTED;
            YamlNode conditionNode = spec.map().get("condition");
            if (conditionNode != null) {
                condition = DependencyCondition.parse(conditionNode.string());
                if (condition == null) {
                    throw conditionNode.fail("unknown condition \"" + conditionNode.string() + "\"; use "
                            + "service_started, service_healthy or service_completed_successfully");
                }
            }
            deps.put(name, condition);
        });
        return deps;
    }

    private static HealthCheck healthcheck(YamlNode node) {
        Map<String, YamlNode> map = node.map();
        boolean disabled = map.containsKey("disable") && map.get("disable").bool();
        List<String> test = null;
        if (map.containsKey("test")) {
            YamlNode testNode = map.get("test");
            if (testNode.isList()) {
                test = testNode.stringOrList();
                if (test.isEmpty() || !Set.of("CMD", "CMD-SHELL", "NONE").contains(test.get(0))) {
                    throw testNode.fail("a test list must start with CMD, CMD-SHELL or NONE");
                }
            } else {
                test = List.of("CMD-SHELL", testNode.string());
            }
            disabled = disabled || "NONE".equals(test.get(0));
        }
        return new HealthCheck(test,
                map.containsKey("interval") ? map.get("interval").duration() : null,
                map.containsKey("timeout") ? map.get("timeout").duration() : null,
                map.containsKey("retries") ? map.get("retries").integer() : null,
                map.containsKey("start_period") ? map.get("start_period").duration() : null,
                disabled);
    }

    private static List<String> extraHosts(YamlNode node) {
        List<String> hosts = new ArrayList<>();
        if (node.isList()) {
            for (YamlNode item : node.list()) {
                hosts.add(item.string().replaceFirst("=", ":"));
            }
        } else {
            node.map().forEach((host, ip) -> hosts.add(host + ":" + ip.string()));
        }
        return hosts;
    }

    private static Map<String, String> nonNull(Map<String, String> values) {
        Map<String, String> result = new LinkedHashMap<>();
        values.forEach((k, v) -> result.put(k, v == null ? "" : v));
        return result;
    }

    private void validateDependencies(Map<String, Service> services, Map<String, Map<String, YamlNode>> nodes) {
        for (Service service : services.values()) {
            YamlNode dependsOn = nodes.get(service.name()).get("depends_on");
            for (String dependency : service.dependsOn().keySet()) {
                if (!services.containsKey(dependency)) {
                    throw dependsOn.fail("service \"" + service.name() + "\" depends on \"" + dependency
                            + "\", which is not defined; known services: " + String.join(", ", services.keySet()));
                }
            }
        }
        for (Service service : services.values()) {
            List<String> cycle = findCycle(service.name(), services, new ArrayList<>());
            if (cycle != null) {
                throw nodes.get(service.name()).get("depends_on")
                        .fail("dependency cycle " + String.join(" -> ", cycle) + "; remove one of these depends_on entries");
            }
        }
    }

    private static List<String> findCycle(String name, Map<String, Service> services, List<String> path) {
        if (path.contains(name)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
            cycle.add(name);
            return cycle;
        }
        path.add(name);
        for (String dependency : services.get(name).dependsOn().keySet()) {
            List<String> cycle = findCycle(dependency, services, path);
            if (cycle != null) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        return null;
    }

    private void warn(YamlNode node, String message) {
        warnings.accept(node.file().getFileName() + " line " + node.line() + " (" + node.path() + "): " + message);
    }
}
