package io.devstack.core.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.transport.DockerHttpClient;
import io.devstack.core.Progress;
import io.devstack.core.engine.BuildRequest;
import io.devstack.core.engine.ContainerInfo;
import io.devstack.core.engine.ContainerSpec;
import io.devstack.core.engine.Engine;
import io.devstack.core.engine.EngineException;
import io.devstack.core.engine.EngineInfo;
import io.devstack.core.engine.ExecResult;
import io.devstack.core.engine.HistoryEntry;
import io.devstack.core.engine.ImageBuildException;
import io.devstack.core.engine.ImageInfo;
import io.devstack.core.engine.discovery.EngineEndpoint;
import io.devstack.core.engine.ImageUnavailableException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** {@link Engine} over docker-java. Operations translate docker-java failures into our typed exceptions. */
final class DockerJavaCalls implements Engine {
    private static final int OUTPUT_TAIL_BYTES = 16 * 1024;

    private DockerClient client;
    private DockerHttpClient http;
    /** Whether builds go to BuildKit; decided at the first build. */
    private Boolean buildKitOffered;
    private EngineInfo info;
    /** Where the bytes go: the engine's own address, or the local end of its ssh tunnel. */
    private EngineEndpoint endpoint;
    private SshTunnel tunnel;
    /** Set on Podman, which runs no healthchecks without systemd. */
    private PodmanHealthchecks podmanHealth;
    private final Supplier<EngineEndpoint> discovery;

    DockerJavaCalls(Supplier<EngineEndpoint> discovery) {
        this.discovery = discovery;
    }

    /** A connect started by {@link #connectAhead}, which {@link #info} waits for. */
    private volatile Thread ahead;
    private RuntimeException aheadFailure;

    @Override
    public synchronized void connectAhead() {
        if (client != null || ahead != null) {
            return;
        }
        ahead = new Thread(() -> {
            try {
                info();
                warmUp();
            } catch (RuntimeException e) {
                synchronized (this) {
                    aheadFailure = e; // the goal's own first call reports it, if the goal gets that far
                }
            } catch (LinkageError e) {
                // the goal ended first and Maven closed the classes' realm; had it not, its own connect reports it
            }
        }, "devstack-engine-connect");
        ahead.setContextClassLoader(Thread.currentThread().getContextClassLoader());
        ahead.setDaemon(true);
        ahead.start();
    }

    @Override
    public EngineInfo info() {
        Thread pending = ahead; // read without the lock, which the connecting thread holds
        if (pending != null && pending != Thread.currentThread()) {
            awaitAhead(pending);
        }
        synchronized (this) {
            if (aheadFailure != null) {
                RuntimeException failure = aheadFailure;
                aheadFailure = null;
                throw failure;
            }
            if (client == null) {
                connect();
            }
            return info;
        }
    }

    /**
     * One container and one image read on the connect thread: the first read of each kind builds docker-java's
     * JSON readers for its large models (a cold JVM spends a good part of a no-op up there), and here that happens
     * while the goal is still reading its compose files. Read only; failures are the goal's to meet later.
     */
    private void warmUp() {
        try {
            // what a no-op up reads: the container list and image ids (a container inspect it no longer needs)
            var containers = client.listContainersCmd().withShowAll(true).withLimit(1).exec();
            if (!containers.isEmpty()) {
                client.inspectImageCmd(containers.get(0).getImageId()).exec();
            }
        } catch (RuntimeException ignored) {
            // a container removed meanwhile, say: nothing was needed from it
        }
    }

    private void awaitAhead(Thread pending) {
        try {
            pending.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while connecting to the engine", e);
        }
        ahead = null;
    }

    private void connect() {
        EngineEndpoint found = discovery.get();
        endpoint = found;
        if ("ssh".equals(found.host().getScheme())) {
            tunnel = SshTunnel.open(found.host(), System.getenv("DEVSTACK_SSH_COMMAND"));
            endpoint = new EngineEndpoint(java.net.URI.create("unix://" + tunnel.socket), null, false,
                    found.foundVia());
        }
        DockerClients.Connected connected = DockerClients.connect(found, endpoint);
        client = connected.client();
        http = connected.http();
        info = connected.info();
        podmanHealth = info.podman() ? new PodmanHealthchecks(http) : null;
    }

    private DockerClient client() {
        info();
        return client;
    }

    @Override
    public Optional<String> imageId(String reference) {
        try {
            return Optional.of(client().inspectImageCmd(reference).exec().getId());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public void pull(String reference, Progress progress) {
        try {
            QuietPull callback = client().pullImageCmd(reference).exec(new QuietPull());
            callback.awaitCompletion();
            callback.rethrow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while pulling " + reference, e);
        } catch (RuntimeException e) {
            throw new ImageUnavailableException(reference, "image " + reference + " is not present locally and "
                    + "could not be pulled (" + firstLine(e) + ")");
        }
    }

    @Override
    public Optional<ImageInfo> inspectImage(String reference) {
        try {
            var r = client().inspectImageCmd(reference).exec();
            var c = r.getConfig();
            List<String> exposed = new ArrayList<>();
            if (c != null && c.getExposedPorts() != null) {
                for (ExposedPort port : c.getExposedPorts()) {
                    exposed.add(port.getPort() + "/" + port.getProtocol());
                }
            }
            return Optional.of(new ImageInfo(r.getId(), r.getOs(), r.getArch(),
                    r.getRootFS() == null || r.getRootFS().getLayers() == null ? List.of() : r.getRootFS().getLayers(),
                    c == null || c.getEnv() == null ? List.of() : List.of(c.getEnv()),
                    c == null || c.getEntrypoint() == null ? null : List.of(c.getEntrypoint()),
                    c == null || c.getCmd() == null ? null : List.of(c.getCmd()),
                    c == null ? null : c.getWorkingDir(), c == null ? null : c.getUser(), exposed,
                    c == null || c.getLabels() == null ? Map.of() : c.getLabels()));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<HistoryEntry> imageHistory(String reference) {
        info();
        DockerHttpClient.Request call = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path("/v" + info.apiVersion() + "/images/" + java.net.URLEncoder.encode(reference,
                        java.nio.charset.StandardCharsets.UTF_8) + "/history")
                .build();
        try (DockerHttpClient.Response response = http.execute(call)) {
            byte[] body = response.getBody().readAllBytes();
            if (response.getStatusCode() != 200) {
                throw new EngineException("cannot read the history of " + reference + ": "
                        + firstLine(new RuntimeException(new String(body, java.nio.charset.StandardCharsets.UTF_8))));
            }
            List<HistoryEntry> entries = new ArrayList<>();
            for (com.fasterxml.jackson.databind.JsonNode row : new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(body)) {
                entries.add(new HistoryEntry(row.path("Created").asLong(), row.path("CreatedBy").asText(""),
                        row.path("Comment").asText(""), row.path("Size").asLong()));
            }
            java.util.Collections.reverse(entries); // the engine answers newest first
            return entries;
        } catch (java.io.IOException e) {
            throw new EngineException("cannot read the history of " + reference + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void loadImage(java.io.InputStream archive) {
        try {
            client().loadImageCmd(archive).exec();
        } catch (RuntimeException e) {
            throw new ImageBuildException("the engine refused the assembled image: " + firstLine(e));
        }
    }

    @Override
    public boolean removeImage(String image) {
        try {
            client().removeImageCmd(image).exec();
            return true;
        } catch (ConflictException | NotFoundException inUseOrGone) {
            return false;
        }
    }

    @Override
    public void saveImages(List<String> references, Path target) {
        var command = client().saveImagesCmd();
        for (String reference : references) {
            int colon = reference.lastIndexOf(':');
            boolean tagged = colon > reference.lastIndexOf('/');
            command = command.withImage(tagged ? reference.substring(0, colon) : reference,
                    tagged ? reference.substring(colon + 1) : "latest");
        }
        try (java.io.InputStream archive = command.exec()) {
            java.nio.file.Files.copy(archive, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public String build(BuildRequest request, Progress progress) {
        info();
        if (buildKitOffered == null) {
            buildKitOffered = BuildKitBuilder.wanted(info.apiVersion(), System.getenv("DOCKER_BUILDKIT"))
                    && BuildKitBuilder.offered(http);
        }
        if (buildKitOffered) {
            StreamedContext context = StreamedContext.start(request);
            try {
                // Podman takes the same request and builds with buildah
                progress.info("building " + String.join(", ", request.tags()) + " with "
                        + (info.podman() ? "Podman's builder (buildah)" : "BuildKit"));
                String id = BuildKitBuilder.build(http, info.apiVersion(), request, context.stream(), progress);
                context.finish();
                return id;
            } catch (BuildKitBuilder.Unavailable e) {
                buildKitOffered = false;
                progress.detail("the engine has no BuildKit (" + e.getMessage() + "); using its classic builder");
            } finally {
                context.close();
            }
        }
        return buildClassic(request, progress);
    }

    private String buildClassic(BuildRequest request, Progress progress) {
        progress.info("building " + String.join(", ", request.tags()) + " with the classic builder");
        StreamedContext streamed = StreamedContext.start(request);
        java.io.InputStream context = streamed.stream();
        BuildImageCmd cmd = client().buildImageCmd(context)
                .withDockerfilePath(request.dockerfile())
                .withTags(request.tags())
                .withLabels(request.labels())
                .withPull(false)
                .withRemove(true);
        request.args().forEach(cmd::withBuildArg);
        if (request.target() != null) {
            cmd.withTarget(request.target());
        }
        Deque<String> tail = new ArrayDeque<>();
        String[] step = {null};
        BuildImageResultCallback callback = new BuildImageResultCallback() {
            @Override
            public void onNext(BuildResponseItem item) {
                if (item.getStream() != null) {
                    for (String line : item.getStream().split("\n")) {
                        if (line.isBlank()) {
                            continue;
                        }
                        if (line.startsWith("Step ")) {
                            step[0] = line;
                            tail.clear();
                            progress.detail(line);
                        }
                        tail.addLast(line);
                        if (tail.size() > 15) {
                            tail.removeFirst();
                        }
                    }
                }
                super.onNext(item);
            }
        };
        try {
            String id = cmd.exec(callback).awaitImageId();
            streamed.finish();
            return id;
        } catch (DockerClientException e) {
            throw new ImageBuildException("building " + String.join(", ", request.tags()) + " failed"
                    + (step[0] != null ? " at " + step[0] : "") + ": " + e.getMessage().replace("Could not build image: ", "")
                    + (tail.isEmpty() ? "" : "\n  output tail:\n    " + String.join("\n    ", tail)));
        } catch (RuntimeException e) {
            throw new ImageBuildException("building " + String.join(", ", request.tags()) + " failed: " + firstLine(e));
        } finally {
            streamed.close();
        }
    }

    @Override
    public Optional<String> networkId(String name) {
        return client().listNetworksCmd().withNameFilter(name).exec().stream()
                .filter(n -> n.getName().equals(name)).map(n -> n.getId()).findFirst();
    }

    @Override
    public void createNetwork(String name, String driver, boolean internal, Map<String, String> labels) {
        client().createNetworkCmd().withName(name).withDriver(driver == null ? "bridge" : driver).withInternal(internal)
                .withLabels(labels).withCheckDuplicate(true).exec();
    }

    @Override
    public List<String> networks(Map<String, String> labels) {
        List<String> filters = labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        return client().listNetworksCmd().withFilter("label", filters).exec().stream().map(n -> n.getName()).toList();
    }

    @Override
    public void removeNetwork(String name) {
        try {
            client().removeNetworkCmd(name).exec();
        } catch (NotFoundException ignored) {
            // already gone: the goal is reached
        }
    }

    @Override
    public boolean volumeExists(String name) {
        try {
            client().inspectVolumeCmd(name).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    @Override
    public Optional<Map<String, String>> volumeLabels(String name) {
        try {
            Map<String, String> labels = client().inspectVolumeCmd(name).exec().getLabels();
            return Optional.of(labels == null ? Map.of() : labels);
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public void createVolume(String name, String driver, Map<String, String> labels) {
        var cmd = client().createVolumeCmd().withName(name).withLabels(labels);
        if (driver != null) {
            cmd.withDriver(driver);
        }
        cmd.exec();
    }

    @Override
    public List<String> volumes(Map<String, String> labels) {
        List<String> filters = labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        var response = client().listVolumesCmd().withFilter("label", filters).exec();
        List<String> names = new ArrayList<>();
        if (response.getVolumes() != null) {
            response.getVolumes().forEach(v -> names.add(v.getName()));
        }
        return names;
    }

    @Override
    public void removeVolume(String name) {
        try {
            client().removeVolumeCmd(name).exec();
        } catch (NotFoundException ignored) {
            // already gone
        } catch (com.github.dockerjava.api.exception.ConflictException e) {
            throw new EngineException("volume " + name + " is still in use (" + firstLine(e) + "); remove the container "
                    + "that uses it (docker ps -a --filter volume=" + name + ") and run again");
        }
    }

    @Override
    public List<ContainerInfo> containers(Map<String, String> labels) {
        List<ContainerInfo> result = new ArrayList<>();
        for (var container : client().listContainersCmd().withShowAll(true).withLabelFilter(labels).exec()) {
            try {
                result.add(inspect(container.getId()));
            } catch (NotFoundException ignored) {
                // removed between list and inspect
            }
        }
        return result;
    }

    @Override
    public List<ContainerInfo> listed(Map<String, String> labels) {
        List<ContainerInfo> result = new ArrayList<>();
        for (var c : client().listContainersCmd().withShowAll(true).withLabelFilter(labels).exec()) {
            List<ContainerInfo.PublishedPort> ports = new ArrayList<>();
            for (var port : c.getPorts() == null ? new com.github.dockerjava.api.model.ContainerPort[0] : c.getPorts()) {
                if (port.getPublicPort() != null && port.getPrivatePort() != null) {
                    ports.add(new ContainerInfo.PublishedPort(port.getPrivatePort(), port.getType(), port.getIp() == null
                            ? "" : port.getIp(), port.getPublicPort()));
                }
            }
            String name = c.getNames() == null || c.getNames().length == 0 ? c.getId() : c.getNames()[0].replaceFirst("^/", "");
            result.add(new ContainerInfo(c.getId(), name, c.getImage(), c.getImageId(), c.getLabels() == null ? Map.of()
                    : c.getLabels(), c.getState(), ListedHealth.of(c.getStatus()), null, ports, null));
        }
        return result;
    }

    @Override
    public ContainerInfo inspect(String containerId) {
        InspectContainerResponse r = client().inspectContainerCmd(containerId).exec();
        var state = r.getState();
        String health = state.getHealth() == null ? null : state.getHealth().getStatus();
        if (podmanHealth != null && health != null && !"healthy".equals(health) && Boolean.TRUE.equals(state.getRunning())
                && podmanHealth.runIfDue(r.getId(), healthInterval(r))) {
            r = client().inspectContainerCmd(containerId).exec();
            state = r.getState();
            health = state.getHealth() == null ? null : state.getHealth().getStatus();
        }
        List<ContainerInfo.PublishedPort> ports = new ArrayList<>();
        if (r.getNetworkSettings() != null && r.getNetworkSettings().getPorts() != null) {
            for (Map.Entry<ExposedPort, Ports.Binding[]> e : r.getNetworkSettings().getPorts().getBindings().entrySet()) {
                if (e.getValue() == null) {
                    continue;
                }
                for (Ports.Binding b : e.getValue()) {
                    if (b.getHostPortSpec() != null && !b.getHostPortSpec().isEmpty()) {
                        ports.add(new ContainerInfo.PublishedPort(e.getKey().getPort(),
                                e.getKey().getProtocol().toString(), b.getHostIp(), Integer.parseInt(b.getHostPortSpec())));
                    }
                }
            }
        }
        String name = r.getName() != null && r.getName().startsWith("/") ? r.getName().substring(1) : r.getName();
        java.time.Instant started = null;
        try {
            started = state.getStartedAt() == null || state.getStartedAt().startsWith("0001")
                    ? null : java.time.Instant.parse(state.getStartedAt());
        } catch (java.time.format.DateTimeParseException ignored) {
            // an engine with another time format: uptime is then unknown
        }
        Map<String, String> labels = r.getConfig().getLabels() == null ? Map.of() : r.getConfig().getLabels();
        return new ContainerInfo(r.getId(), name, r.getConfig().getImage(), r.getImageId(), labels, state.getStatus(),
                health, state.getExitCodeLong(), ports, started);
    }

    private static Duration healthInterval(InspectContainerResponse r) {
        var check = r.getConfig().getHealthcheck();
        return check == null || check.getInterval() == null ? null : Duration.ofNanos(check.getInterval());
    }

    @Override
    public Optional<String> volumeAt(String containerId, String path) {
        var mounts = client().inspectContainerCmd(containerId).exec().getMounts();
        return mounts == null ? Optional.empty() : mounts.stream()
                .filter(m -> m.getName() != null && m.getDestination() != null
                        && path.equals(m.getDestination().getPath()))
                .map(InspectContainerResponse.Mount::getName).findFirst();
    }

    @Override
    public String create(ContainerSpec spec) {
        String id;
        try {
            id = CreateContainerMapper.map(client(), spec).exec().getId();
        } catch (NotFoundException e) {
            throw new ImageUnavailableException(spec.image(), "image " + spec.image() + " not found: " + firstLine(e));
        } catch (com.github.dockerjava.api.exception.ConflictException e) {
            throw new EngineException("cannot create container " + spec.name() + ": " + firstLine(e)
                    + "; remove the other container or set a different container_name");
        }
        // the first network is joined at create; the others before start, so the process sees all of them
        spec.networks().entrySet().stream().skip(1).forEach(network -> client().connectToNetworkCmd()
                .withContainerId(id).withNetworkId(network.getKey())
                .withContainerNetwork(new com.github.dockerjava.api.model.ContainerNetwork()
                        .withAliases(network.getValue()))
                .exec());
        return id;
    }

    @Override
    public void start(String containerId) {
        try {
            client().startContainerCmd(containerId).exec();
        } catch (NotModifiedException ignored) {
            // already running
        }
    }

    @Override
    public void stop(String containerId, Duration grace) {
        try {
            var cmd = client().stopContainerCmd(containerId);
            Integer seconds = grace != null ? Integer.valueOf((int) grace.toSeconds()) : ownStopTimeout(containerId);
            if (seconds != null) {
                cmd.withTimeout(seconds);
            }
            cmd.exec();
        } catch (NotModifiedException | NotFoundException ignored) {
            // already stopped or gone
        }
    }

    /**
     * docker-java always sends t=10 unless told otherwise, and does not expose a container's StopTimeout: devstack
     * records stop_grace_period in a label at create, read here.
     */
    private Integer ownStopTimeout(String containerId) {
        var config = client().inspectContainerCmd(containerId).exec().getConfig();
        String label = config == null || config.getLabels() == null ? null : config.getLabels().get(STOP_GRACE_LABEL);
        return label == null ? null : Integer.valueOf(label);
    }

    /** Label with a container's stop grace period in seconds. */
    public static final String STOP_GRACE_LABEL = "io.devstack.stop-grace-seconds";

    @Override
    public void restart(String containerId, Duration grace) {
        var cmd = client().restartContainerCmd(containerId);
        if (grace != null) {
            cmd.withTimeout((int) grace.toSeconds());
        }
        cmd.exec();
    }

    @Override
    public void logs(String containerId, boolean follow, Integer tail, boolean timestamps,
                     java.util.function.Consumer<String> sink) {
        var cmd = client().logContainerCmd(containerId).withStdOut(true).withStdErr(true).withFollowStream(follow)
                .withTimestamps(timestamps);
        if (tail != null) {
            cmd.withTail(tail);
        }
        StringBuilder partial = new StringBuilder();
        var callback = cmd.exec(new QuietAdapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                // frames are not lines: keep a partial line until its newline arrives
                synchronized (partial) {
                    partial.append(new String(frame.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
                    int nl;
                    while ((nl = partial.indexOf("\n")) >= 0) {
                        sink.accept(partial.substring(0, nl).stripTrailing());
                        partial.delete(0, nl + 1);
                    }
                }
            }
        });
        try {
            callback.awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            try {
                callback.close();
            } catch (java.io.IOException ignored) {
                // stream already gone
            }
        }
        synchronized (partial) {
            if (partial.length() > 0) {
                sink.accept(partial.toString().stripTrailing());
            }
        }
    }

    @Override
    public void remove(String containerId) {
        try {
            client().removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException ignored) {
            // already gone
        }
    }

    @Override
    public ExecResult exec(String containerId, List<String> command, Map<String, String> env) {
        ExecCreateCmdResponse created = client().execCreateCmd(containerId)
                .withCmd(command.toArray(new String[0]))
                .withEnv(env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withAttachStdout(true)
                .withAttachStderr(true)
                .exec();
        OutputTail out = new OutputTail(OUTPUT_TAIL_BYTES);
        OutputTail err = new OutputTail(OUTPUT_TAIL_BYTES);
        try {
            // no timeout on the stream: a timed wait closes it and kills the command (see docker-notes)
            client().execStartCmd(created.getId()).exec(new QuietAdapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                    (frame.getStreamType() == StreamType.STDERR ? err : out).append(frame.getPayload());
                }
            }).awaitCompletion();
            InspectExecResponse inspect = client().inspectExecCmd(created.getId()).exec();
            // the stream can end a few ms before the engine records the exit
            while (Boolean.TRUE.equals(inspect.isRunning())) {
                TimeUnit.MILLISECONDS.sleep(20);
                inspect = client().inspectExecCmd(created.getId()).exec();
            }
            Long exit = inspect.getExitCodeLong();
            return new ExecResult(exit == null ? -1 : exit, out.value(), err.value());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while running " + command.get(0) + " in " + containerId, e);
        }
    }

    @Override
    public ExecResult execWithInput(String containerId, List<String> command, Map<String, String> env,
                                    Path input, java.util.function.LongConsumer progress) {
        info();
        if (!HijackedExec.supports(endpoint)) {
            return execWithCopiedInput(containerId, command, env, input, progress);
        }
        ExecCreateCmdResponse created = client().execCreateCmd(containerId)
                .withCmd(command.toArray(new String[0]))
                .withEnv(env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withAttachStdin(true).withAttachStdout(true).withAttachStderr(true)
                .exec();
        OutputTail out = new OutputTail(OUTPUT_TAIL_BYTES);
        OutputTail err = new OutputTail(OUTPUT_TAIL_BYTES);
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(input)) {
            HijackedExec.run(endpoint.host(), info.apiVersion(), created.getId(), in, progress, out, err);
            InspectExecResponse inspect = client().inspectExecCmd(created.getId()).exec();
            while (Boolean.TRUE.equals(inspect.isRunning())) {
                TimeUnit.MILLISECONDS.sleep(20);
                inspect = client().inspectExecCmd(created.getId()).exec();
            }
            Long exit = inspect.getExitCodeLong();
            return new ExecResult(exit == null ? -1 : exit, out.value(), err.value());
        } catch (java.io.IOException e) {
            throw new EngineException("cannot read " + input + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while loading " + input, e);
        }
    }

    /**
     * Where this connection cannot stream into a process (TLS, a context): the file is copied in first and the
     * command reads it as its standard input, then the copy is removed.
     */
    private ExecResult execWithCopiedInput(String containerId, List<String> command, Map<String, String> env,
                                           Path input, java.util.function.LongConsumer progress) {
        String name = "devstack-input-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        copyFile(containerId, input, "/tmp", name);
        try {
            progress.accept(java.nio.file.Files.size(input));
        } catch (java.io.IOException e) {
            throw new EngineException("cannot read " + input + ": " + e.getMessage(), e);
        }
        List<String> redirected = new ArrayList<>(List.of("sh", "-c", "f=/tmp/" + name + "; trap 'rm -f \"$f\"' EXIT; "
                + "\"$@\" < \"$f\"", "sh"));
        redirected.addAll(command);
        return exec(containerId, redirected, env);
    }

    @Override
    public void copyFile(String containerId, Path file, String containerDir, String name) {
        try (TarStream tar = TarStream.ofFile(file, name)) {
            client().copyArchiveToContainerCmd(containerId)
                    .withTarInputStream(tar.input())
                    .withRemotePath(containerDir)
                    .exec();
            tar.awaitWritten();
        }
    }

    @Override
    public void copyFileFrom(String containerId, String containerPath, Path target) {
        try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
                client().copyArchiveFromContainerCmd(containerId, containerPath).exec())) {
            var entry = tar.getNextEntry();
            while (entry != null && !entry.isFile()) {
                entry = tar.getNextEntry();
            }
            if (entry == null) {
                throw new EngineException(containerPath + " in container " + containerId + " is not a file");
            }
            java.nio.file.Files.copy(tar, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new EngineException("cannot copy " + containerPath + " out of " + containerId + ": " + e.getMessage(), e);
        } catch (NotFoundException e) {
            throw new EngineException(containerPath + " does not exist in container " + containerId, e);
        }
    }

    @Override
    public List<String> logTail(String containerId, int lines) {
        List<String> result = new ArrayList<>();
        try {
            client().logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTail(lines)
                    .exec(new QuietAdapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            String text = new String(frame.getPayload(), java.nio.charset.StandardCharsets.UTF_8);
                            for (String line : text.split("\n")) {
                                synchronized (result) {
                                    result.add(line.stripTrailing());
                                }
                            }
                        }
                    }).awaitCompletion(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            result.add("(logs unavailable: " + firstLine(e) + ")");
        }
        synchronized (result) {
            return new ArrayList<>(result);
        }
    }

    @Override
    public void close() {
        Thread pending = ahead;
        if (pending != null) {
            pending.interrupt(); // a goal that failed before it used the engine does not wait for a slow connect
            try {
                pending.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (client != null) {
            DockerClients.closeQuietly(client);
            client = null;
        }
        if (tunnel != null) {
            tunnel.close();
            tunnel = null;
        }
    }

    static String firstLine(Throwable e) {
        return EngineMessages.readable(e);
    }
}
