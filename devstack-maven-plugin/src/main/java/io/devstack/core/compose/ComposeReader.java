package io.devstack.core.compose;

import io.devstack.core.Setting;
import io.devstack.core.stack.NetworkDef;
import io.devstack.core.stack.Service;
import io.devstack.core.stack.Stack;
import io.devstack.core.stack.VolumeDef;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads compose files into a validated {@link Stack}. Later files override earlier ones as the compose spec
 * says (see {@link ServiceReader}). Every problem is reported before anything is started, as a
 * {@link ComposeFileException} naming file, line and key; keys devstack does not act on are reported to
 * {@code warnings} with their line, never silently dropped.
 */
public final class ComposeReader {
    private static final Set<String> TOP_LEVEL_KEYS = Set.of("services", "volumes", "networks", "name", "version");

    private final Consumer<String> warnings;
    private final boolean fromArtifact;

    public ComposeReader(Consumer<String> warnings) {
        this(warnings, false);
    }

    /** {@code fromArtifact}: a stack unpacked from its artifact, whose build contexts stayed with its provider. */
    ComposeReader(Consumer<String> warnings, boolean fromArtifact) {
        this.warnings = warnings;
        this.fromArtifact = fromArtifact;
    }

    public Stack read(ComposeRequest request) {
        Path dir = request.workingDir().toAbsolutePath().normalize();
        Map<String, String> variables = new LinkedHashMap<>(EnvFile.read(dir.resolve(".env")));
        variables.putAll(request.environment());
        Interpolator interpolator = new Interpolator(variables);

        Map<String, Map<String, List<YamlNode>>> serviceKeys = new LinkedHashMap<>();
        Map<String, YamlNode> serviceDefinitions = new LinkedHashMap<>();
        Map<String, YamlNode> volumeNodes = new LinkedHashMap<>();
        Map<String, YamlNode> networkNodes = new LinkedHashMap<>();
        String nameFromFile = null;
        for (Path file : request.files()) {
            Map<String, YamlNode> top = parse(file, interpolator).map();
            for (Map.Entry<String, YamlNode> entry : top.entrySet()) {
                SpecKeys.check(entry.getValue(), entry.getKey(), SpecKeys.TOP_LEVEL, "the top level of a compose file");
                if (!TOP_LEVEL_KEYS.contains(entry.getKey()) && !entry.getKey().startsWith("x-")) {
                    warn(entry.getValue(), "top-level key is not supported by devstack and is ignored");
                }
            }
            if (top.containsKey("name")) {
                nameFromFile = top.get("name").string();
            }
            if (top.containsKey("services")) {
                top.get("services").map().forEach((name, node) -> {
                    serviceDefinitions.putIfAbsent(name, node);
                    Map<String, List<YamlNode>> keys = serviceKeys.computeIfAbsent(name, n -> new LinkedHashMap<>());
                    node.map().forEach((key, value) -> keys.computeIfAbsent(key, k -> new ArrayList<>()).add(value));
                });
            }
            if (top.containsKey("volumes")) {
                volumeNodes.putAll(top.get("volumes").map());
            }
            if (top.containsKey("networks")) {
                networkNodes.putAll(top.get("networks").map());
            }
        }
        // a workspace has no compose file of its own: only the stacks of its modules
        Path mainFile = request.files().isEmpty() ? dir.resolve("pom.xml") : request.files().get(0);
        if (serviceKeys.isEmpty() && request.includes().isEmpty()) {
            throw new ComposeFileException(mainFile, 0, "services", "no services defined; add a services: section");
        }

        String project = projectName(request.projectName(), variables.get("COMPOSE_PROJECT_NAME"), nameFromFile, dir);
        warnOfOtherDefaults(request.files());
        Map<String, VolumeDef> volumes = new LinkedHashMap<>();
        volumeNodes.forEach((key, node) -> volumes.put(key, volume(project, key, node)));
        Map<String, NetworkDef> networks = new LinkedHashMap<>();
        networkNodes.forEach((key, node) -> networks.put(key, network(project, key, node)));
        if (!networks.containsKey("default")) {
            networks.put("default", new NetworkDef("default", project + "_default", false, null, false, Map.of()));
        }

        List<StackIncludes.Renamed> included = StackIncludes.readAll(request.includes(), project,
                request.environment(), request.profiles(), warnings);
        Map<String, Service> includedServices = new LinkedHashMap<>();
        included.forEach(r -> includedServices.putAll(r.services()));
        ServiceReader reader = new ServiceReader(dir, variables, volumes, networks, warnings, fromArtifact);
        Map<String, Service> all = new LinkedHashMap<>();
        Map<String, Service> overridden = new LinkedHashMap<>();
        serviceKeys.forEach((name, keys) -> {
            if (includedServices.containsKey(name)) {
                overridden.put(name, reader.override(includedServices.get(name), serviceDefinitions.get(name), keys));
            } else {
                all.put(name, reader.read(name, serviceDefinitions.get(name), keys));
            }
        });

        Map<String, Stack.Origin> origins = new LinkedHashMap<>();
        for (StackIncludes.Renamed renamed : included) {
            IncludedStack include = renamed.stack();
            for (String name : renamed.origins().keySet()) {
                Stack.Origin origin = renamed.origins().get(name);
                if (all.containsKey(name)) {
                    throw new ComposeFileException(mainFile, 0, "services." + name, "service " + name + " is also the "
                            + "name service " + origin.name() + " of the included stack " + include.coordinates()
                            + " gets; rename one, or include the stack under another <alias>");
                }
            }
            for (String key : volumeNodes.keySet()) {
                checkOwnKey(mainFile, include, key, "volume");
            }
            for (String key : networkNodes.keySet()) {
                checkOwnKey(mainFile, include, key, "network");
            }
            // external ones are shared on purpose
            checkNoClash(mainFile, include, volumes.values().stream().filter(v -> !v.external())
                    .map(VolumeDef::dockerName).toList(), renamed.volumes().values().stream()
                    .filter(v -> !v.external()).map(VolumeDef::dockerName).toList(), "volume");
            checkNoClash(mainFile, include, networks.values().stream().filter(n -> !n.external())
                    .map(NetworkDef::dockerName).toList(), renamed.networks().values().stream()
                    .filter(n -> !n.external()).map(NetworkDef::dockerName).toList(), "network");
            renamed.services().forEach((name, service) -> all.put(name, overridden.getOrDefault(name, service)));
            volumes.putAll(renamed.volumes());
            networks.putAll(renamed.networks());
            origins.putAll(renamed.origins());
        }
        checkReachable(all, origins, serviceKeys, request.includes());
        for (String name : serviceKeys.keySet()) {
            if (!includedServices.containsKey(name)) {
                Service own = all.get(name);
                for (IncludedStack include : request.includes()) {
                    own = own.joining(StackIncludes.bridgeKey(null, include), List.of());
                }
                all.put(name, own);
            }
        }

        Set<String> profiles = activeProfiles(request);
        Map<String, Service> active = new LinkedHashMap<>();
        Set<String> disabled = new LinkedHashSet<>();
        all.forEach((name, service) -> {
            if (service.profiles().isEmpty() || service.profiles().stream().anyMatch(profiles::contains)
                    || profiles.contains("*")) {
                active.put(name, service);
            } else {
                disabled.add(name);
            }
        });
        new DependencyCheck(serviceDefinitions, serviceKeys).validate(all, active, disabled);
        Map<String, NetworkDef> used = usedNetworks(active, networks);
        return new Stack(project, dir, List.copyOf(request.files()), active, volumes, used, disabled, origins);
    }

    /** Two default compose files (say compose.yaml beside an older docker-compose.yml): one is silently unused. */
    private void warnOfOtherDefaults(List<Path> files) {
        if (files.isEmpty() || !ComposeFiles.DEFAULT_NAMES.contains(files.get(0).getFileName().toString())) {
            return;
        }
        Path used = files.get(0);
        List<String> others = ComposeFiles.DEFAULT_NAMES.stream().filter(n -> !n.equals(used.getFileName().toString()))
                .filter(n -> Files.isRegularFile(used.resolveSibling(n))).toList();
        if (!others.isEmpty()) {
            warnings.accept("found more than one compose file: " + used.getFileName() + " is used and "
                    + String.join(", ", others) + " is not (as with the compose CLI); merge them into "
                    + used.getFileName() + " and remove the other, or name the one you mean with "
                    + Setting.COMPOSE_FILE.ref("<file>"));
        }
    }

    /** A key of the project's own that looks like one an included stack's gets would be mistaken for it. */
    private static void checkOwnKey(Path file, IncludedStack include, String key, String kind) {
        if (key.startsWith(include.alias() + "_")) {
            throw new ComposeFileException(file, 0, kind + "s." + key, "the " + kind + " " + key + " starts with "
                    + include.alias() + "_, which names the " + kind + "s of the included stack "
                    + include.coordinates() + "; rename the " + kind + ", or include the stack under another <alias>");
        }
    }

    /**
     * The project's own services may depend on the services its directly included stacks export: the others are not
     * on its network (a stack's internals, or a stack only another stack includes).
     */
    private static void checkReachable(Map<String, Service> all, Map<String, Stack.Origin> origins,
                                       Map<String, Map<String, List<YamlNode>>> own, List<IncludedStack> direct) {
        for (String name : own.keySet()) {
            Service service = all.get(name);
            if (service == null || origins.containsKey(name)) {
                continue;
            }
            for (String dependency : service.dependsOn().keySet()) {
                Stack.Origin origin = origins.get(dependency);
                if (origin == null) {
                    continue;
                }
                IncludedStack stack = direct.stream().filter(s -> s.alias().equals(origin.alias())).findFirst()
                        .orElse(null);
                if (stack == null || !stack.exports(origin.name())) {
                    List<YamlNode> where = own.get(name).get("depends_on");
                    throw where.get(where.size() - 1).fail("service " + name + " depends on " + dependency + ", which "
                            + (stack == null ? "comes from " + origin.coordinates() + " only through another stack; "
                            + "include " + origin.coordinates() + " in <stacks> to use it" : origin.coordinates()
                            + " does not export; you can depend on " + String.join(", ", stack.exports().stream()
                            .map(e -> stack.alias() + "-" + e).toList())));
                }
            }
        }
    }

    /** Two stacks must never share a volume or network by accident of naming: that would mix their data. */
    private static void checkNoClash(Path file, IncludedStack include, List<String> taken, List<String> added,
                                     String kind) {
        for (String name : added) {
            if (taken.contains(name)) {
                throw new ComposeFileException(file, 0, kind + "s", "the " + kind + " " + name + " of the included "
                        + "stack " + include.coordinates() + " has the name of one the project already has; rename "
                        + "that " + kind + ", or include the stack under another <alias>");
            }
        }
    }

    private static Set<String> activeProfiles(ComposeRequest request) {
        Set<String> profiles = new LinkedHashSet<>(request.profiles());
        String fromEnv = request.environment().get("COMPOSE_PROFILES");
        if (profiles.isEmpty() && fromEnv != null) {
            Arrays.stream(fromEnv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(profiles::add);
        }
        return profiles;
    }

    /** Only networks some active service joins are created (the default one included). */
    private static Map<String, NetworkDef> usedNetworks(Map<String, Service> services, Map<String, NetworkDef> all) {
        Set<String> used = new LinkedHashSet<>();
        services.values().forEach(s -> used.addAll(s.networks().keySet()));
        Map<String, NetworkDef> result = new LinkedHashMap<>();
        all.forEach((key, def) -> {
            if (used.contains(key)) {
                result.put(key, def);
            }
        });
        return result;
    }

    private YamlNode parse(Path file, Interpolator interpolator) {
        LoaderOptions options = new LoaderOptions();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Node root = new Yaml(options).compose(reader);
            if (root == null) {
                throw new ComposeFileException(file, 0, null, "the file is empty; add a services: section");
            }
            return new YamlNode(root, file, "", interpolator);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
            throw new ComposeFileException(file, line, KeyPathAtLine.of(file, line), "invalid YAML: " + e.getProblem()
                    + (e.getContext() != null ? " " + e.getContext() : ""));
        } catch (YAMLException e) {
            throw new ComposeFileException(file, 0, null, unreadable(e));
        } catch (CharacterCodingException e) {
            throw new ComposeFileException(file, 0, null, NOT_UTF8);
        } catch (IOException e) {
            throw new ComposeFileException(file, 0, null, "cannot read: " + e.getMessage());
        }
    }

    private static final String NOT_UTF8 = "is not valid UTF-8 text; save it as UTF-8 (compose files are UTF-8)";

    /** SnakeYAML's own limits and decoding failures, said as what is wrong with the file and what to do. */
    private static String unreadable(YAMLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CharacterCodingException) {
                return NOT_UTF8;
            }
        }
        String problem = String.valueOf(e.getMessage());
        if (problem.contains("aliases")) {
            return "uses more than 50 aliases (*name) of maps or lists; a file like that is a YAML bomb, not a stack "
                    + "— write the repeated parts out or use fewer anchors";
        }
        if (problem.contains("Nesting Depth")) {
            return "nests maps and lists more than 50 levels deep; flatten it";
        }
        if (problem.contains("exceeds the limit")) {
            return "is larger than the 3 MB a compose file may have; split it, or remove what it does not need";
        }
        return "invalid YAML: " + problem.lines().findFirst().orElse(problem);
    }

    /** The compose CLI's order: -p (devstack.project), COMPOSE_PROJECT_NAME (environment or .env), name:, the directory. */
    private static String projectName(String explicit, String fromEnvironment, String fromFile, Path dir) {
        String raw = explicit != null && !explicit.isBlank() ? explicit
                : fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment
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
        Map<String, String> labels = map.containsKey("labels") ? ServiceReader.nonNull(map.get("labels").keyValues())
                : Map.of();
        String dockerName = name != null ? name : external ? key : project + "_" + key;
        return new VolumeDef(key, dockerName, external, driver, labels);
    }

    private NetworkDef network(String project, String key, YamlNode node) {
        Map<String, YamlNode> map = node.map();
        map.keySet().stream().filter(k -> !Set.of("external", "name", "driver", "internal", "labels").contains(k))
                .forEach(k -> warn(map.get(k), "network option is not supported by devstack and is ignored"));
        boolean external = map.containsKey("external") && map.get("external").bool();
        String name = map.containsKey("name") ? map.get("name").string() : null;
        String driver = map.containsKey("driver") ? map.get("driver").string() : null;
        boolean internal = map.containsKey("internal") && map.get("internal").bool();
        Map<String, String> labels = map.containsKey("labels") ? ServiceReader.nonNull(map.get("labels").keyValues())
                : Map.of();
        String dockerName = name != null ? name : external ? key : project + "_" + key;
        return new NetworkDef(key, dockerName, external, driver, internal, labels);
    }

    private void warn(YamlNode node, String message) {
        warnings.accept(node.file().getFileName() + " line " + node.line() + " (" + node.path() + "): " + message);
    }
}
