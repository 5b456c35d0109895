package io.devstack.core.publish;

import io.devstack.core.Durations;
import io.devstack.core.Hashes;
import io.devstack.core.Progress;
import io.devstack.core.compose.ComposeReader;
import io.devstack.core.engine.Engine;
import io.devstack.core.engine.EngineException;
import io.devstack.core.stack.Mount;
import io.devstack.core.up.Images;
import io.devstack.core.stack.Service;
import io.devstack.core.stack.Stack;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

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
            if (request.imagesOutput() != null) {
                // what is published is what the contexts give now, and the manifest records those ids
                new Images(engine, progress).buildOwn(stack);
            }
            // everything under dumps/ travels (a README too); the manifest and the count name the dumps alone
            List<Path> dumps = addTree(zip, project, request.dumpsDir(), "dumps").stream()
                    .filter(f -> f.getFileName().toString().endsWith(".sql")
                            || f.getFileName().toString().endsWith(".sql.gz")).toList();
            addTree(zip, project, request.provisionDir(), "provision");
            zip.add(MANIFEST, Manifest.write(request, stack, project, dumps, imageIds(stack))
                    .getBytes(StandardCharsets.UTF_8));
            zip.writeTo(request.output());
            if (request.imagesOutput() != null) {
                saveImages(stack, request);
            }
            progress.info("packaged stack " + request.coordinates() + " (" + count(stack.services().size(), "service")
                    + ", " + count(dumps.size(), "dump") + ", " + count(zip.entries().size(), "file") + ") as "
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
        for (Path compose : stack.composeFiles()) {
            if (!compose.toAbsolutePath().normalize().startsWith(project)) {
                throw new PackageException(compose + " is outside the project " + project + "; a stack artifact "
                        + "carries only what is inside it: move the compose file into the project");
            }
        }
        for (Mount mount : service.mounts()) {
            Path source = mount.type() == Mount.Type.BIND ? Path.of(mount.source()).normalize() : null;
            if (source != null && source.startsWith(project) && (source.equals(project)
                    || (Files.isDirectory(source) && !mount.readOnly()))) {
                // a writable directory is data, not configuration: it would ship and be overwritten
                throw new PackageException(file + " (services." + service.name() + ".volumes): service "
                        + service.name() + " mounts the directory " + source + " writable; a stack artifact carries "
                        + "files, not data: use a named volume for " + mount.target() + ", or mount it read-only (:ro)");
            }
        }
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
    private static List<Path> envFiles(Stack stack) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path compose : stack.composeFiles()) {
            Node root;
            try (var reader = Files.newBufferedReader(compose, StandardCharsets.UTF_8)) {
                root = new Yaml(new LoaderOptions()).compose(reader);
            }
            for (Node service : values(value(root, "services"))) {
                Node envFile = value(service, "env_file");
                List<Node> entries = envFile instanceof SequenceNode seq ? seq.getValue() : envFile == null ? List.of()
                        : List.of(envFile);
                for (Node entry : entries) {
                    Node path = entry instanceof MappingNode ? value(entry, "path") : entry;
                    if (path instanceof ScalarNode scalar) {
                        files.add(compose.getParent().resolve(scalar.getValue()).normalize());
                    }
                }
            }
        }
        return files;
    }

    private static Node value(Node map, String key) {
        if (map instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    return tuple.getValueNode();
                }
            }
        }
        return null;
    }

    private static List<Node> values(Node map) {
        return map instanceof MappingNode mapping ? mapping.getValue().stream().map(NodeTuple::getValueNode).toList()
                : List.of();
    }

    /** The images the project builds itself — its devstack:build image, compose build: services — as one archive. */
    private void saveImages(Stack stack, PackageRequest request) throws IOException {
        long start = System.nanoTime();
        List<String> images = new ArrayList<>();
        for (Service service : stack.services().values()) {
            String image = service.imageFor(stack.project());
            if ((service.build() != null || image.equals(request.ownImage())) && !images.contains(image)) {
                if (engine.imageId(image).isEmpty()) {
                    throw new PackageException("<packageImages>: image " + image + " of service " + service.name()
                            + " is not on this engine; build it before packaging (devstack:build in an earlier phase, "
                            + "or listed before devstack:package in the same phase)");
                }
                images.add(image);
            }
        }
        if (images.isEmpty()) {
            throw new PackageException("<packageImages> is true but the stack builds no image of its own (no "
                    + "devstack:build image, no compose build: service); remove <packageImages>");
        }
        String relative = stack.workingDir().toAbsolutePath().normalize().relativize(request.imagesOutput()
                .toAbsolutePath().normalize()).toString();
        // an archive of these very image ids is already there: saving hundreds of MiB again would change nothing
        Path ids = request.imagesOutput().resolveSibling(request.imagesOutput().getFileName() + ".ids");
        StringBuilder current = new StringBuilder();
        for (String image : images) {
            current.append(image).append(' ').append(engine.imageId(image).orElseThrow()).append('\n');
        }
        if (Files.isRegularFile(request.imagesOutput()) && Files.isRegularFile(ids)
                && Files.readString(ids).contentEquals(current)) {
            progress.info("images " + String.join(", ", images) + " unchanged since " + relative + " was saved; "
                    + "kept it");
            return;
        }
        Files.deleteIfExists(ids);
        engine.saveImages(images, request.imagesOutput());
        Files.writeString(ids, current);
        progress.info("saved images " + String.join(", ", images) + " as " + relative + " ("
                + Files.size(request.imagesOutput()) / (1024 * 1024) + " MiB) in " + Durations.since(start));
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
            // a link could point anywhere (a key in the home directory): only plain files travel
            files = walk.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
        for (Path file : files) {
            zip.addFile(prefix + "/" + root.relativize(file).toString().replace('\\', '/'), file);
        }
        return files;
    }

    private static String relative(Path project, Path file) {
        return project.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** The sha256 of a dump, as the manifest records it. */
    static String digest(Path dump) {
        return Hashes.sha256(dump);
    }
}
