package io.devstack.core.engine;

import io.devstack.core.Progress;
import io.devstack.core.stack.Mount;
import io.devstack.core.stack.PortMapping;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An engine in memory, for unit tests of orchestration in milliseconds. Containers go through created, running and
 * exited; one with a healthcheck turns healthy when started unless a test says otherwise. Each volume (and each
 * container's own file system) holds files, so the marker scripts devstack runs (cat, touch, rm -f, printf >, [ -e ])
 * and the volume copies of snapshots and backups behave as on a real engine. Every call that changes something is
 * recorded in {@link #changes}. ITs keep testing the real engine; this one never pretends to be it there.
 */
public class FakeEngine implements Engine {
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");
    public final List<String> changes = java.util.Collections.synchronizedList(new ArrayList<>());
    public final Map<String, String> images = new HashMap<>();
    /** Labels of the images built here, by id. */
    private final Map<String, Map<String, String>> imageLabels = new HashMap<>();
    /** Health a service's container reports once started (by compose service label); default healthy. */
    public final Map<String, String> healthOf = new HashMap<>();
    /** Exit code a service's container stops with right after it starts, for services that must fail. */
    public final Map<String, Long> exitOf = new HashMap<>();
    /** Answers to commands the marker interpreter does not know (a dump's client, a provision script). */
    public Exec otherCommands = (container, command, env) -> new ExecResult(0, "", "");
    private final Map<String, Container> containers = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> networks = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> volumes = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> files = new HashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger hostPorts = new AtomicInteger(40000);

    /** A command's outcome, for {@link #otherCommands}. */
    @FunctionalInterface
    public interface Exec {
        ExecResult run(String containerId, List<String> command, Map<String, String> env);
    }

    private static final class Container {
        final String id;
        final ContainerSpec spec;
        String state = "created";
        String health;
        Long exitCode;
        Instant startedAt;

        Container(String id, ContainerSpec spec) {
            this.id = id;
            this.spec = spec;
        }
    }

    public FakeEngine image(String reference, String id) {
        images.put(reference, id);
        return this;
    }

    /** Who this engine says it is; a test of a remote engine sets one with a remote host. */
    public EngineInfo engineInfo = new EngineInfo("unix:///fake.sock", "0.0-fake", "1.41");

    @Override
    public EngineInfo info() {
        return engineInfo;
    }

    @Override
    public Optional<String> imageId(String reference) {
        return Optional.ofNullable(resolve(reference));
    }

    @Override
    public Optional<ImageInfo> inspectImage(String reference) {
        return imageId(reference).map(id -> new ImageInfo(id, "linux", "amd64", List.of(), List.of(), List.of(),
                List.of(), null, null, List.of(), imageLabels.getOrDefault(id, Map.of())));
    }

    @Override
    public List<HistoryEntry> imageHistory(String reference) {
        return List.of();
    }

    @Override
    public void loadImage(InputStream archive) {
        changes.add("load image");
        try {
            // an archive saveImages wrote: "reference=id" lines
            for (String line : new String(archive.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (line.contains("=")) {
                    images.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** An image's id by reference, an untagged one meaning :latest as with the engine. */
    private String resolve(String reference) {
        String id = images.get(reference);
        boolean tagged = reference.lastIndexOf(':') > reference.lastIndexOf('/');
        return id != null || tagged ? id : images.get(reference + ":latest");
    }

    @Override
    public boolean removeImage(String image) {
        String id = resolve(image) != null ? resolve(image) : image;
        boolean exists = imageLabels.containsKey(id) || images.containsValue(id);
        boolean used = containers.values().stream().anyMatch(c -> id.equals(resolve(c.spec.image())));
        if (!exists || used) {
            return false;
        }
        images.values().removeIf(id::equals);
        imageLabels.remove(id);
        changes.add("remove image " + id);
        return true;
    }


    @Override
    public void saveImages(List<String> references, Path target) {
        StringBuilder archive = new StringBuilder();
        references.forEach(r -> archive.append(r).append('=').append(images.get(r)).append('\n'));
        try {
            java.nio.file.Files.writeString(target, archive);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void pull(String reference, Progress progress) {
        throw new ImageUnavailableException(reference, "image " + reference + " not found: no registry answers");
    }

    @Override
    public String build(BuildRequest request, Progress progress) {
        String id = "sha256:built" + ids.incrementAndGet();
        request.tags().forEach(tag -> images.put(tag, id));
        imageLabels.put(id, Map.copyOf(request.labels()));
        changes.add("build " + request.tags());
        return id;
    }

    @Override
    public synchronized Optional<String> networkId(String name) {
        return networks.containsKey(name) ? Optional.of("net-" + name) : Optional.empty();
    }

    @Override
    public synchronized void createNetwork(String name, String driver, boolean internal, Map<String, String> labels) {
        networks.put(name, Map.copyOf(labels));
        changes.add("create network " + name);
    }

    @Override
    public synchronized List<String> networks(Map<String, String> labels) {
        return networks.entrySet().stream().filter(e -> e.getValue().entrySet().containsAll(labels.entrySet()))
                .map(Map.Entry::getKey).toList();
    }

    @Override
    public synchronized void removeNetwork(String name) {
        networks.remove(name);
        changes.add("remove network " + name);
    }

    @Override
    public synchronized boolean volumeExists(String name) {
        return volumes.containsKey(name);
    }

    @Override
    public synchronized Optional<Map<String, String>> volumeLabels(String name) {
        return Optional.ofNullable(volumes.get(name));
    }

    @Override
    public synchronized void createVolume(String name, String driver, Map<String, String> labels) {
        volumes.put(name, Map.copyOf(labels));
        files.put("volume:" + name, new TreeMap<>());
        changes.add("create volume " + name);
    }

    @Override
    public synchronized List<String> volumes(Map<String, String> labels) {
        return volumes.entrySet().stream().filter(e -> e.getValue().entrySet().containsAll(labels.entrySet()))
                .map(Map.Entry::getKey).toList();
    }

    @Override
    public synchronized void removeVolume(String name) {
        if (volumes.remove(name) != null) {
            files.remove("volume:" + name);
            changes.add("remove volume " + name);
        }
    }

    @Override
    public synchronized List<ContainerInfo> containers(Map<String, String> labels) {
        return containers.values().stream()
                .filter(c -> c.spec.labels().entrySet().containsAll(labels.entrySet()))
                .map(this::info).toList();
    }

    /** Container ids in the order they were inspected. */
    public final List<String> inspected = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    public synchronized ContainerInfo inspect(String containerId) {
        inspected.add(containerId);
        return info(container(containerId));
    }

    /** As Docker lists them: health shown only for a running container, exit code and start time left out. */
    @Override
    public synchronized List<ContainerInfo> listed(Map<String, String> labels) {
        return containers(labels).stream().map(c -> new ContainerInfo(c.id(), c.name(), c.image(), c.imageId(),
                c.labels(), c.state(), c.running() ? c.health() : null, null, c.ports(), null)).toList();
    }

    @Override
    public synchronized Optional<String> volumeAt(String containerId, String path) {
        return container(containerId).spec.mounts().stream()
                .filter(m -> m.type() == Mount.Type.VOLUME && m.target().equals(path)).map(Mount::source).findFirst();
    }

    @Override
    public synchronized String create(ContainerSpec spec) {
        if (resolve(spec.image()) == null) {
            throw new EngineException("no such image: " + spec.image());
        }
        for (Mount mount : spec.mounts()) {
            if (mount.type() == Mount.Type.VOLUME && !volumes.containsKey(mount.source())) {
                createVolume(mount.source(), null, Map.of());
            }
        }
        String id = String.format("%064d", ids.incrementAndGet());
        containers.put(id, new Container(id, spec));
        changes.add("create " + spec.name());
        return id;
    }

    @Override
    public synchronized void start(String containerId) {
        Container c = container(containerId);
        changes.add("start " + c.spec.name());
        c.state = "running";
        c.startedAt = Instant.now();
        c.exitCode = null;
        String service = c.spec.labels().getOrDefault("com.docker.compose.service", "");
        if (c.spec.labels().getOrDefault("io.devstack.role", "").endsWith("copy")) {
            c.exitCode = copy(c);
            c.state = "exited";
            return;
        }
        if (exitOf.containsKey(service)) {
            c.exitCode = exitOf.get(service);
            c.state = "exited";
            return;
        }
        c.health = c.spec.healthcheck() == null || c.spec.healthcheck().disabled() ? null
                : healthOf.getOrDefault(service, "healthy");
    }

    @Override
    public synchronized void stop(String containerId, Duration grace) {
        Container c = container(containerId);
        changes.add("stop " + c.spec.name());
        if (c.state.equals("running")) {
            c.state = "exited";
            c.exitCode = 0L;
        }
    }

    @Override
    public void restart(String containerId, Duration grace) {
        stop(containerId, grace);
        start(containerId);
    }

    @Override
    public synchronized void remove(String containerId) {
        Container c = containers.remove(containerId);
        if (c == null) {
            throw new EngineException("no such container: " + containerId);
        }
        files.remove("container:" + containerId);
        changes.add("remove " + c.spec.name());
    }

    @Override
    public synchronized ExecResult exec(String containerId, List<String> command, Map<String, String> env) {
        Container c = container(containerId);
        if (!c.state.equals("running")) {
            throw new EngineException("container " + c.spec.name() + " is not running");
        }
        if (command.size() == 3 && command.get(0).equals("sh") && command.get(1).equals("-c")) {
            Optional<ExecResult> markers = markerScript(c, command.get(2));
            if (markers.isPresent()) {
                return markers.get();
            }
        }
        if (command.size() == 3 && command.get(0).equals("mkdir")) {
            return new ExecResult(0, "", "");
        }
        return otherCommands.run(containerId, command, env);
    }

    @Override
    public ExecResult execWithInput(String containerId, List<String> command, Map<String, String> env,
                                    Path input, LongConsumer progress) {
        return exec(containerId, List.of("load", input.toString(), String.join(" ", command)), env);
    }

    @Override
    public void copyFile(String containerId, Path file, String containerDir, String name) {
        changes.add("copy " + file.getFileName() + " into " + container(containerId).spec.name());
    }

    @Override
    public void copyFileFrom(String containerId, String containerPath, Path target) {
        throw new EngineException("copyFileFrom is not faked");
    }

    @Override
    public List<String> logTail(String containerId, int lines) {
        return List.of("fake log line");
    }

    @Override
    public void logs(String containerId, boolean follow, Integer tail, boolean timestamps,
                     java.util.function.Consumer<String> sink) {
        List<String> lines = logLines.getOrDefault(containerId, List.of("2026-01-01T00:00:00Z fake log line"));
        lines.forEach(l -> sink.accept(timestamps ? l : l.substring(l.indexOf(' ') + 1)));
    }

    /** Log lines a container has, each "<RFC 3339 time> <text>". */
    public final Map<String, List<String>> logLines = new HashMap<>();

    @Override
    public void close() {
    }

    /** Sets a running container's health, as its healthcheck would. */
    public synchronized void health(String containerId, String health) {
        container(containerId).health = health;
    }

    /** Writes a file into a volume, as a process in a container would have. */
    public synchronized void putFile(String volume, String path, String content) {
        files.computeIfAbsent("volume:" + volume, k -> new TreeMap<>()).put(path, content);
    }

    public synchronized void removeFile(String volume, String path) {
        files.getOrDefault("volume:" + volume, new TreeMap<>()).remove(path);
    }

    /** The files a volume holds, by path inside it. */
    public synchronized Map<String, String> filesOf(String volume) {
        return Map.copyOf(files.getOrDefault("volume:" + volume, Map.of()));
    }

    private Container container(String id) {
        Container c = containers.get(id);
        if (c == null) {
            throw new EngineException("no such container: " + id);
        }
        return c;
    }

    private ContainerInfo info(Container c) {
        List<ContainerInfo.PublishedPort> ports = new ArrayList<>();
        if (c.state.equals("running")) {
            for (PortMapping p : c.spec.ports()) {
                ports.add(new ContainerInfo.PublishedPort(p.containerPort(), p.protocol(), p.hostIp(),
                        p.hostPort() != null ? p.hostPort() : hostPorts.incrementAndGet()));
            }
        }
        return new ContainerInfo(c.id, c.spec.name(), c.spec.image(), resolve(c.spec.image()), c.spec.labels(),
                c.state, c.state.equals("running") ? c.health : null, c.exitCode, ports, c.startedAt);
    }

    /** The store a path of the container lives in: the volume mounted above it, else the container's own. */
    private Map<String, String> store(Container c, String path, String[] relative) {
        for (Mount m : c.spec.mounts()) {
            if (m.type() == Mount.Type.VOLUME && (path.equals(m.target()) || path.startsWith(m.target() + "/"))) {
                relative[0] = path.substring(Math.min(path.length(), m.target().length() + 1));
                return files.computeIfAbsent("volume:" + m.source(), k -> new TreeMap<>());
            }
        }
        relative[0] = path;
        return files.computeIfAbsent("container:" + c.id, k -> new TreeMap<>());
    }

    /** Runs the small scripts devstack keeps markers with; empty when the script is something else. */
    private Optional<ExecResult> markerScript(Container c, String script) {
        StringBuilder out = new StringBuilder();
        for (String part : script.split(";")) {
            String step = part.strip();
            if (step.isEmpty()) {
                continue;
            }
            if (step.startsWith("[ -e '")) {
                if (!run(c, step, out)) {
                    return Optional.empty();
                }
                continue;
            }
            for (String command : step.split(" && ")) {
                if (!run(c, command.strip(), out)) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new ExecResult(0, out.toString(), ""));
    }

    private boolean run(Container c, String command, StringBuilder out) {
        List<String> words = new ArrayList<>();
        Matcher m = QUOTED.matcher(command);
        while (m.find()) {
            words.add(m.group(1));
        }
        String[] rel = new String[1];
        if (command.equals("echo")) {
            out.append('\n');
        } else if (command.startsWith("mkdir -p ")) {
            return true;
        } else if (command.startsWith("cat '") && words.size() == 1) {
            String text = store(c, words.get(0), rel).get(rel[0]);
            out.append(text == null ? "" : text);
        } else if (command.startsWith("touch '")) {
            store(c, words.get(0), rel).put(rel[0], "");
        } else if (command.startsWith("rm -f '")) {
            for (String file : words) {
                store(c, file, rel).remove(rel[0]);
            }
        } else if (command.startsWith("printf '%s' '") && words.size() == 3) {
            store(c, words.get(2), rel).put(rel[0], words.get(1));
        } else if (command.startsWith("printf '%s\\n%s' '") && words.size() == 4) {
            store(c, words.get(3), rel).put(rel[0], words.get(1) + "\n" + words.get(2));
        } else if (command.startsWith("ls -A '") && command.contains("| grep -E '") && words.size() == 2) {
            Map<String, String> store = store(c, words.get(0), rel);
            String prefix = rel[0].isEmpty() ? "" : rel[0] + "/";
            store.keySet().stream().filter(k -> k.startsWith(prefix) && !k.substring(prefix.length()).contains("/"))
                    .map(k -> k.substring(prefix.length())).filter(k -> k.matches(words.get(1)))
                    .forEach(k -> out.append(k).append('\n'));
        } else if (command.startsWith("[ -e '") && command.endsWith("&& echo loading || echo -")) {
            out.append(store(c, words.get(0), rel).containsKey(rel[0]) ? "loading\n" : "-\n");
        } else {
            return false;
        }
        return true;
    }

    /** What a volume-copy helper's script does: snapshot/backup (into data/ plus a marker) or restore. */
    private long copy(Container c) {
        String script = String.join(" ", c.spec.command());
        Map<String, String> from = null;
        Map<String, String> to = null;
        for (Mount mount : c.spec.mounts()) {
            Map<String, String> store = files.computeIfAbsent("volume:" + mount.source(), k -> new TreeMap<>());
            if (mount.target().equals("/from")) {
                from = store;
            } else if (mount.target().equals("/to")) {
                to = store;
            }
        }
        if (from == null || to == null) {
            return 1;
        }
        if (script.contains("cp -a /from/data/. /to/")) {
            if (!from.containsKey("complete")) {
                return 3;
            }
            Map<String, String> restored = to;
            restored.clear();
            from.forEach((k, v) -> {
                if (k.startsWith("data/")) {
                    restored.put(k.substring("data/".length()), v);
                }
            });
            return 0;
        }
        Map<String, String> target = to;
        from.forEach((k, v) -> target.put("data/" + k, v));
        target.put("complete", "");
        return 0;
    }
}
