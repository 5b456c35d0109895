package io.devstack.core.compose;

import io.devstack.core.stack.BuildSpec;
import io.devstack.core.stack.DependencyCondition;
import io.devstack.core.stack.HealthCheck;
import io.devstack.core.stack.Mount;
import io.devstack.core.stack.NetworkDef;
import io.devstack.core.stack.PortMapping;
import io.devstack.core.stack.Service;
import io.devstack.core.stack.VolumeDef;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads one service from the values every compose file gave each of its keys, merging them as the compose spec
 * says: single values and {@code command}/{@code entrypoint} are replaced by later files; {@code environment},
 * {@code labels}, {@code depends_on}, {@code networks}, {@code build} and {@code healthcheck} merge key by key;
 * {@code ports}, {@code expose}, {@code cap_add}, {@code tmpfs}, {@code extra_hosts} and {@code env_file}
 * append; {@code volumes} merge by container path.
 */
final class ServiceReader {
    /** Keys devstack acts on; the conformance table in README.md lists them. */
    static final Set<String> SUPPORTED = Set.of("image", "build", "command", "entrypoint", "environment", "env_file",
            "ports", "expose", "volumes", "tmpfs", "networks", "depends_on", "healthcheck", "restart", "labels",
            "profiles", "working_dir", "user", "extra_hosts", "container_name", "hostname", "stop_grace_period",
            "stop_signal", "init", "cap_add", "cap_drop", "platform", "privileged", "shm_size", "pull_policy");
    /** Keys that would make the stack behave differently if ignored: refused with an error. */
    static final Set<String> REJECTED = Set.of("network_mode", "volumes_from", "secrets", "configs", "extends", "ipc",
            "pid", "userns_mode", "uts", "devices");

    private final Path dir;
    private final Map<String, String> variables;
    private final Map<String, VolumeDef> volumes;
    private final Map<String, NetworkDef> networks;
    private final Consumer<String> warnings;
    private final boolean contextsElsewhere;

    ServiceReader(Path dir, Map<String, String> variables, Map<String, VolumeDef> volumes,
                  Map<String, NetworkDef> networks, Consumer<String> warnings, boolean contextsElsewhere) {
        this.contextsElsewhere = contextsElsewhere;
        this.dir = dir;
        this.variables = variables;
        this.volumes = volumes;
        this.networks = networks;
        this.warnings = warnings;
    }

    Service read(String name, YamlNode definition, Map<String, List<YamlNode>> keys) {
        if (!name.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*")) {
            throw definition.fail("service names may use letters, digits, '_', '.' and '-' only");
        }
        keys.forEach((key, nodes) -> {
            YamlNode node = nodes.get(nodes.size() - 1);
            SpecKeys.check(node, key, SpecKeys.SERVICE, "a service");
            if (REJECTED.contains(key)) {
                throw node.fail(key + " is not supported by devstack; remove it or run this stack with docker compose");
            }
            if (!SUPPORTED.contains(key) && !key.startsWith("x-")) {
                warnings.accept(node.file().getFileName() + " line " + node.line() + " (" + node.path()
                        + "): not supported by devstack and ignored");
            }
        });
        Values v = new Values(keys);
        String image = v.string("image");
        BuildSpec build = keys.containsKey("build") ? build(keys.get("build")) : null;
        if (image == null && build == null) {
            throw definition.fail("service has neither image: nor build:; add one of them");
        }
        String pullPolicy = v.string("pull_policy");
        if (pullPolicy != null && !Set.of("always", "never", "missing", "if_not_present", "build").contains(pullPolicy)) {
            throw v.last("pull_policy").fail("unknown pull_policy \"" + pullPolicy + "\"; use missing, never, always or build");
        }
        return new Service(name, image, build,
                words(v.last("command")),
                words(v.last("entrypoint")),
                environment(keys),
                ports(v.all("ports")),
                v.concatStrings("expose"),
                mounts(v.all("volumes"), v.all("tmpfs")),
                serviceNetworks(v.all("networks"), name),
                dependsOn(v.all("depends_on")),
                keys.containsKey("healthcheck") ? healthcheck(keys.get("healthcheck")) : null,
                v.fold("labels"),
                keys.containsKey("profiles") ? v.last("profiles").stringOrList() : List.of(),
                new Service.Options(
                        v.string("restart"),
                        v.string("working_dir"),
                        v.string("user"),
                        extraHosts(v.all("extra_hosts")),
                        v.string("container_name"),
                        v.string("hostname"),
                        keys.containsKey("stop_grace_period") ? v.last("stop_grace_period").duration() : null,
                        v.string("stop_signal"),
                        keys.containsKey("init") ? v.last("init").bool() : null,
                        v.concatStrings("cap_add"),
                        v.concatStrings("cap_drop"),
                        v.string("platform"),
                        keys.containsKey("privileged") ? v.last("privileged").bool() : null,
                        keys.containsKey("shm_size") ? ByteSize.parse(v.last("shm_size")) : null,
                        pullPolicy));
    }

    /** Keys of an included service that the consumer's compose files may set; the rest belong to its provider. */
    static final Set<String> OVERRIDABLE = Set.of("image", "command", "entrypoint", "environment", "env_file", "ports",
            "healthcheck", "labels", "restart", "user", "stop_grace_period", "shm_size", "pull_policy");

    /**
     * An included service with the keys the consumer's files give it: environment and labels merge, a port mapping
     * replaces the one for the same container port (so a consumer can pin an ephemeral one), the rest replace.
     */
    Service override(Service base, YamlNode definition, Map<String, List<YamlNode>> keys) {
        keys.forEach((key, nodes) -> {
            YamlNode node = nodes.get(nodes.size() - 1);
            SpecKeys.check(node, key, SpecKeys.SERVICE, "a service");
            if (!OVERRIDABLE.contains(key) && !key.startsWith("x-")) {
                throw node.fail(key + " of " + base.name() + " belongs to the stack it comes from and cannot be "
                        + "overridden here; a consumer may set " + String.join(", ", new java.util.TreeSet<>(OVERRIDABLE)));
            }
        });
        Values v = new Values(keys);
        Map<String, String> environment = new LinkedHashMap<>(base.environment());
        environment.putAll(environment(keys));
        List<PortMapping> ports = new ArrayList<>(base.ports());
        for (PortMapping port : ports(v.all("ports"))) {
            ports.removeIf(p -> p.containerPort() == port.containerPort() && p.protocol().equals(port.protocol()));
            ports.add(port);
        }
        Map<String, String> labels = new LinkedHashMap<>(base.labels());
        labels.putAll(v.fold("labels"));
        Service.Options o = base.options();
        Service.Options options = new Service.Options(
                keys.containsKey("restart") ? v.string("restart") : o.restart(), o.workingDir(),
                keys.containsKey("user") ? v.string("user") : o.user(), o.extraHosts(), o.containerName(),
                o.hostname(), keys.containsKey("stop_grace_period") ? v.last("stop_grace_period").duration()
                : o.stopGracePeriod(), o.stopSignal(), o.init(), o.capAdd(), o.capDrop(), o.platform(),
                o.privileged(), keys.containsKey("shm_size") ? Long.valueOf(ByteSize.parse(v.last("shm_size"))) : o.shmSize(),
                keys.containsKey("pull_policy") ? v.string("pull_policy") : o.pullPolicy());
        return new Service(base.name(), keys.containsKey("image") ? v.string("image") : base.image(),
                keys.containsKey("image") ? null : base.build(),
                keys.containsKey("command") ? words(v.last("command")) : base.command(),
                keys.containsKey("entrypoint") ? words(v.last("entrypoint")) : base.entrypoint(),
                environment, ports, base.expose(), base.mounts(), base.networks(), base.dependsOn(),
                keys.containsKey("healthcheck") ? healthcheck(keys.get("healthcheck")) : base.healthcheck(),
                labels, base.profiles(), options);
    }

    /** Access to the per-file values of one service's keys. */
    private static final class Values {
        private final Map<String, List<YamlNode>> keys;

        Values(Map<String, List<YamlNode>> keys) {
            this.keys = keys;
        }

        List<YamlNode> all(String key) {
            return keys.getOrDefault(key, List.of());
        }

        YamlNode last(String key) {
            List<YamlNode> nodes = all(key);
            return nodes.isEmpty() ? null : nodes.get(nodes.size() - 1);
        }

        String string(String key) {
            YamlNode node = last(key);
            return node == null || node.isNull() ? null : node.string();
        }

        List<String> concatStrings(String key) {
            List<String> values = new ArrayList<>();
            for (YamlNode node : all(key)) {
                for (String value : node.stringOrList()) {
                    if (!values.contains(value)) {
                        values.add(value);
                    }
                }
            }
            return values;
        }

        Map<String, String> fold(String key) {
            Map<String, String> values = new LinkedHashMap<>();
            all(key).forEach(node -> values.putAll(nonNull(node.keyValues())));
            return values;
        }
    }

    private BuildSpec build(List<YamlNode> nodes) {
        Map<String, List<YamlNode>> sub = new LinkedHashMap<>();
        for (YamlNode node : nodes) {
            if (node.isMap()) {
                node.map().forEach((k, value) -> sub.computeIfAbsent(k, x -> new ArrayList<>()).add(value));
            } else {
                sub.computeIfAbsent("context", x -> new ArrayList<>()).add(node);
            }
        }
        Values v = new Values(sub);
        YamlNode where = nodes.get(nodes.size() - 1);
        YamlNode contextNode = v.last("context");
        Path context = dir.resolve(contextNode != null ? contextNode.string() : ".").normalize();
        if (contextsElsewhere) {
            // a stack artifact: its provider built the image; the consumer uses it and never builds
            return new BuildSpec(context, v.string("dockerfile") != null ? v.string("dockerfile") : "Dockerfile",
                    v.fold("args"), v.string("target"), v.fold("labels"));
        }
        if (!Files.isDirectory(context)) {
            throw (contextNode != null ? contextNode : where).fail("build context " + context + " is not a directory");
        }
        String dockerfile = v.string("dockerfile") != null ? v.string("dockerfile") : "Dockerfile";
        if (!Files.isRegularFile(context.resolve(dockerfile))) {
            throw (v.last("dockerfile") != null ? v.last("dockerfile") : where)
                    .fail("no Dockerfile at " + context.resolve(dockerfile) + "; create it or set build.dockerfile");
        }
        return new BuildSpec(context, dockerfile, v.fold("args"), v.string("target"), v.fold("labels"));
    }

    private static List<String> words(YamlNode node) {
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

    private Map<String, String> environment(Map<String, List<YamlNode>> keys) {
        Map<String, String> env = new LinkedHashMap<>();
        for (YamlNode node : keys.getOrDefault("env_file", List.of())) {
            for (String file : node.stringOrList()) {
                Path path = dir.resolve(file).normalize();
                if (!Files.isRegularFile(path)) {
                    throw node.fail("env_file " + path + " does not exist; create it or remove the entry");
                }
                env.putAll(EnvFile.read(path));
            }
        }
        for (YamlNode node : keys.getOrDefault("environment", List.of())) {
            node.keyValues().forEach((key, value) -> {
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

    private static List<PortMapping> ports(List<YamlNode> nodes) {
        Set<PortMapping> ports = new LinkedHashSet<>();
        for (YamlNode node : nodes) {
            for (YamlNode entry : node.list()) {
                ports.addAll(PortSyntax.parse(entry));
            }
        }
        return new ArrayList<>(ports);
    }

    private List<Mount> mounts(List<YamlNode> volumeNodes, List<YamlNode> tmpfsNodes) {
        Map<String, Mount> byTarget = new LinkedHashMap<>();
        for (YamlNode node : volumeNodes) {
            for (YamlNode entry : node.list()) {
                Mount mount = VolumeSyntax.parse(entry, dir);
                if (mount.type() == Mount.Type.VOLUME && mount.source() != null && !volumes.containsKey(mount.source())) {
                    throw entry.fail("volume \"" + mount.source() + "\" is not declared; add it under the top-level "
                            + "volumes: key, or write ./" + mount.source() + " for a host directory");
                }
                byTarget.remove(mount.target());
                byTarget.put(mount.target(), mount);
            }
        }
        for (YamlNode node : tmpfsNodes) {
            for (String target : node.stringOrList()) {
                String path = target.split(":", 2)[0];
                if (!path.startsWith("/")) {
                    throw node.fail("tmpfs path \"" + path + "\" must be absolute");
                }
                byTarget.put(path, new Mount(Mount.Type.TMPFS, null, path, false));
            }
        }
        return new ArrayList<>(byTarget.values());
    }

    private Map<String, List<String>> serviceNetworks(List<YamlNode> nodes, String service) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (YamlNode node : nodes) {
            if (node.isList()) {
                for (YamlNode item : node.list()) {
                    result.put(checkedNetwork(item, item.string()), List.of());
                }
            } else {
                node.map().forEach((key, spec) -> {
                    checkedNetwork(spec, key);
                    List<String> aliases = new ArrayList<>();
                    if (!spec.isNull()) {
                        Map<String, YamlNode> map = spec.map();
                        if (map.containsKey("aliases")) {
                            aliases.addAll(map.get("aliases").stringOrList());
                        }
                        map.keySet().stream().filter(k -> !k.equals("aliases")).forEach(k -> warnings.accept(
                                spec.file().getFileName() + " line " + map.get(k).line() + " (" + map.get(k).path()
                                        + "): not supported by devstack and ignored"));
                    }
                    result.put(key, aliases);
                });
            }
        }
        if (result.isEmpty()) {
            result.put("default", List.of());
        }
        return result;
    }

    private String checkedNetwork(YamlNode where, String key) {
        if (!networks.containsKey(key)) {
            throw where.fail("network \"" + key + "\" is not declared; add it under the top-level networks: key");
        }
        return key;
    }

    private static Map<String, Service.Dependency> dependsOn(List<YamlNode> nodes) {
        Map<String, Service.Dependency> deps = new LinkedHashMap<>();
        for (YamlNode node : nodes) {
            if (node.isList()) {
                for (YamlNode item : node.list()) {
                    deps.put(item.string(), new Service.Dependency(DependencyCondition.SERVICE_STARTED, false, true));
                }
                continue;
            }
            node.map().forEach((name, spec) -> {
                Map<String, YamlNode> map = spec.map();
                DependencyCondition condition = DependencyCondition.SERVICE_STARTED;
                YamlNode conditionNode = map.get("condition");
                if (conditionNode != null) {
                    condition = DependencyCondition.parse(conditionNode.string());
                    if (condition == null) {
                        throw conditionNode.fail("unknown condition \"" + conditionNode.string() + "\"; use "
                                + "service_started, service_healthy or service_completed_successfully");
                    }
                }
                boolean restart = map.containsKey("restart") && map.get("restart").bool();
                boolean required = !map.containsKey("required") || map.get("required").bool();
                deps.put(name, new Service.Dependency(condition, restart, required));
            });
        }
        return deps;
    }

    private static HealthCheck healthcheck(List<YamlNode> nodes) {
        Map<String, YamlNode> map = new LinkedHashMap<>();
        nodes.forEach(node -> map.putAll(node.map()));
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

    private static List<String> extraHosts(List<YamlNode> nodes) {
        List<String> hosts = new ArrayList<>();
        for (YamlNode node : nodes) {
            if (node.isList()) {
                for (YamlNode item : node.list()) {
                    hosts.add(item.string().replaceFirst("=", ":"));
                }
            } else {
                node.map().forEach((host, ip) -> hosts.add(host + ":" + ip.string()));
            }
        }
        return hosts;
    }

    static Map<String, String> nonNull(Map<String, String> values) {
        Map<String, String> result = new LinkedHashMap<>();
        values.forEach((k, v) -> result.put(k, v == null ? "" : v));
        return result;
    }
}
