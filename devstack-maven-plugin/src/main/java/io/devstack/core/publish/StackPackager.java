package io.devstack.core.publish;

import io.devstack.core.Durations;
import io.devstack.core.Hashes;
import io.devstack.core.Progress;
import io.devstack.core.compose.ComposeReader;
import io.devstack.core.engine.Engine;
import io.devstack.core.engine.EngineException;
import io.devstack.core.stack.Mount;
import io.devstack.core.stack.Service;
import io.devstack.core.stack.Stack;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code devstack:package}: the project's stack as one reproducible zip that another repository brings in by
 * coordinates. It holds {@code devstack-manifest.yaml}, the compose files and what they need inside the project
 * ({@code .env}, env files, bind-mounted files), {@code dumps/} and {@code provision/}. What cannot travel — a bind
 * mount or build context outside the project — is refused, naming the service and path, before anything is written.
 */
public final class StackPackager {
    public static final String MANIFEST = "devstack-manifest.yaml";
    public static final int FORMAT = 1;
    private final Engine engine;
    private final Progress progress;

    public StackPackager(Engine engine, Progress progress) {
        this.engine = engine;
        this.progress = progress;
    }

    public Path run(PackageRequest request) {
        long start = System.nanoTime();
        Stack stack = ownServices(new ComposeReader(progress::warn).read(request.compose()));
        Path project = stack.workingDir().toAbsolutePath().normalize();
        checkExports(stack, request.exports());
        for (Service service : stack.services().values()) {
            checkTravels(stack, project, service);
        }
        try {
            ReproducibleZip zip = new ReproducibleZip();
            for (Path file : stack.composeFiles()) {
                add(zip, project, file);
            }
            addIfFile(zip, project, project.resolve(".env"));
            for (Path envFile : envFiles(stack)) {
                addIfFile(zip, project, envFile);
            }
            for (Service service : stack.services().values()) {
                for (Mount mount : service.mounts()) {
                    if (mount.type() == Mount.Type.BIND) {
                        addTree(zip, project, Path.of(mount.source()), relative(project, Path.of(mount.source())));
                    }
                }
            }
            List<Path> dumps = addTree(zip, project, request.dumpsDir(), "dumps");
            addTree(zip, project, request.provisionDir(), "provision");
            zip.add(MANIFEST, Manifest.write(request, stack, project, dumps, imageIds(stack))
                    .getBytes(StandardCharsets.UTF_8));
            zip.writeTo(request.output());
            progress.info("packaged stack " + request.coordinates() + " (" + stack.services().size() + " services, "
                    + dumps.size() + " dumps, " + zip.entries().size() + " files) as "
                    + project.relativize(request.output().toAbsolutePath().normalize()) + " in "
                    + Durations.since(start));
            return request.output();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The project's own services: those of included stacks travel in their own artifacts, named in the manifest. */
    private static Stack ownServices(Stack stack) {
        Map<String, Service> own = new java.util.LinkedHashMap<>(stack.services());
        own.keySet().removeAll(stack.origins().keySet());
        return new Stack(stack.project(), stack.workingDir(), stack.composeFiles(), own, stack.volumes(),
                stack.networks(), stack.disabledServices(), stack.origins());
    }

    private static void checkExports(Stack stack, List<String> exports) {
        for (String name : exports) {
            if (!stack.services().containsKey(name)) {
                throw new PackageException("<exports> names service \"" + name + "\", which the compose file does not "
                        + "define; known services: " + String.join(", ", stack.services().keySet()));
            }
        }
    }

    private static void checkTravels(Stack stack, Path project, Service service) {
        String file = stack.composeFiles().get(0).getFileName().toString();
        for (Mount mount : service.mounts()) {
            if (mount.type() == Mount.Type.BIND && !Path.of(mount.source()).normalize().startsWith(project)) {
                throw new PackageException(file + " (services." + service.name() + ".volumes): service "
                        + service.name() + " mounts " + mount.source() + ", which is outside the project " + project
                        + "; a stack artifact carries only what is inside it: move it into the project or drop the "
                        + "mount");
            }
        }
        if (service.build() != null && !service.build().context().toAbsolutePath().normalize().startsWith(project)) {
            throw new PackageException(file + " (services." + service.name() + ".build): the build context "
                    + service.build().context() + " is outside the project " + project + "; a stack artifact carries "
                    + "only what is inside it: move the context into the project");
        }
    }

    /** The env_file entries of the compose files, which the model has already merged into each environment. */
    @SuppressWarnings("unchecked")
    private static List<Path> envFiles(Stack stack) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path compose : stack.composeFiles()) {
            Object root = new Yaml(new LoaderOptions()).load(Files.readString(compose, StandardCharsets.UTF_8));
            if (!(root instanceof Map<?, ?> top) || !(top.get("services") instanceof Map<?, ?> services)) {
                continue;
            }
            for (Object definition : services.values()) {
                if (definition instanceof Map<?, ?> service) {
                    Object envFile = service.get("env_file");
                    List<Object> entries = envFile instanceof List<?> list ? (List<Object>) list
                            : envFile == null ? List.of() : List.of(envFile);
                    for (Object entry : entries) {
                        Object path = entry instanceof Map<?, ?> map ? map.get("path") : entry;
                        if (path != null) {
                            files.add(compose.getParent().resolve(path.toString()).normalize());
                        }
                    }
                }
            }
        }
        return files;
    }

    /** Ids of the images the stack names, where this engine has them; none without an engine. */
    private Map<String, String> imageIds(Stack stack) {
        Map<String, String> ids = new java.util.TreeMap<>();
        try {
            for (Service service : stack.services().values()) {
                String image = service.imageFor(stack.project());
                engine.imageId(image).ifPresent(id -> ids.put(image, id));
            }
        } catch (EngineException e) {
            progress.info("no Docker engine answers, so the manifest names the images without their ids");
            ids.clear();
        }
        return ids;
    }

    private static void add(ReproducibleZip zip, Path project, Path file) throws IOException {
        zip.addFile(relative(project, file), file);
    }

    private static void addIfFile(ReproducibleZip zip, Path project, Path file) throws IOException {
        if (Files.isRegularFile(file) && file.toAbsolutePath().normalize().startsWith(project)) {
            add(zip, project, file);
        }
    }

    /** Every file below {@code root} (or the file itself) as {@code prefix/<relative path>}; returns the files. */
    private static List<Path> addTree(ReproducibleZip zip, Path project, Path root, String prefix) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        if (Files.isRegularFile(root)) {
            zip.addFile(prefix, root);
            return List.of(root);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            zip.addFile(prefix + "/" + root.relativize(file).toString().replace('\\', '/'), file);
        }
        return files;
    }

    private static String relative(Path project, Path file) {
        return project.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    /** The sha256 of a dump, as the manifest records it. */
    static String digest(Path dump) {
        return Hashes.sha256(dump);
    }
}
