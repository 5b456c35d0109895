package io.devstack.core.image;

import io.devstack.core.Durations;
import io.devstack.core.Progress;
import io.devstack.core.Setting;
import io.devstack.core.archive.TarEntries;
import io.devstack.core.engine.BuildRequest;
import io.devstack.core.engine.Engine;
import io.devstack.core.engine.ImageInfo;
import io.devstack.core.engine.ImageUnavailableException;
import io.devstack.core.project.Labels;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code devstack:build}: layers ordered by how often they change (release dependencies, snapshot dependencies,
 * reactor modules, resources, classes, extra directories), a Dockerfile rendered from the template, and an image
 * that depends only on its inputs. An image already carrying the same input digest is left alone: the builder is
 * not called. A Dockerfile of only COPY/ENV/... instructions is assembled directly (reproducible image id);
 * anything else goes to the engine's builder with the layers as its context.
 */
public final class ImageBuild {
    public static final String INPUTS_LABEL = Labels.IMAGE_INPUTS;
    private final Engine engine;
    private final Progress progress;

    public ImageBuild(Engine engine, Progress progress) {
        this.engine = engine;
        this.progress = progress;
    }

    /** {@code replacedId}: the image the tag named before this build, when it built another (else null). */
    public record Result(String image, String imageId, boolean built, List<String> changedLayers, String replacedId) {
    }

    public Result run(ImageBuildRequest request) {
        long start = System.nanoTime();
        List<Layer> layers = layers(request);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("baseImage", request.baseImage());
        model.put("image", request.image());
        model.put("layers", layers.stream().map(l -> Map.of("name", l.name(), "source", l.source(),
                "target", l.target())).toList());
        model.put("mainClass", request.mainClass() != null ? request.mainClass()
                : scannedMainClass(request.classesDir(), request.template() != null));
        model.put("user", request.user());
        model.put("jvmFlags", request.jvmFlags());
        model.put("expose", request.expose());
        model.put("classpath", "/app/classes:/app/libs/*");
        String dockerfile = DockerfileTemplate.render(request.template(), model,
                request.workDir().resolve("Dockerfile.rendered"));

        // the wait for the engine connect (started with the goal) is the goal's cost: the time shown is the check's
        long connecting = System.nanoTime();
        engine.info();
        start += System.nanoTime() - connecting;
        String baseId = basePresent(request.baseImage());
        // a creation time of its own is an input too; the fixed one leaves the digest as it always was
        FileDigests digests = FileDigests.load(request.workDir().resolve(FileDigests.STORE));
        String inputs = inputDigest(CreationTime.FIXED.equals(request.created()) ? dockerfile
                : dockerfile + "\ncreated " + request.created(), baseId, layers, request.labels(), digests);
        digests.save();
        var existing = engine.inspectImage(request.image());
        if (existing.isPresent() && inputs.equals(existing.get().labels().get(INPUTS_LABEL))) {
            progress.info("image " + request.image() + " is up to date (" + shortId(existing.get().id())
                    + "); nothing to build (" + Durations.since(start) + ")");
            return new Result(request.image(), existing.get().id(), false, List.of(), null);
        }
        Map<String, String> labels = new LinkedHashMap<>(request.labels());
        labels.put(INPUTS_LABEL, inputs);
        Map<String, Layer> bySource = new LinkedHashMap<>();
        layers.forEach(l -> bySource.put(l.source(), l));
        // Podman loads only complete image archives (every base layer in the tar): it builds with buildah instead
        boolean podman = engine.info().podman();
        if (podman) {
            progress.info("Podman takes only complete image archives: " + request.image() + " is built by Podman's "
                    + "builder, so its id changes with each build (on Docker the same inputs give the same id)");
        }
        var simple = SimpleDockerfile.parse(dockerfile).filter(df -> !podman)
                .filter(df -> df.copies().stream().allMatch(c -> bySource.containsKey(c.source())));
        String id;
        List<String> changed = new ArrayList<>();
        if (simple.isPresent()) {
            ImageInfo base = engine.inspectImage(request.baseImage()).orElseThrow(() -> new ImageUnavailableException(
                    request.baseImage(), "base image " + request.baseImage() + " vanished while building; run again"));
            var assembled = new ImageAssembler(engine, request.created()).assemble(simple.get(), base,
                    engine.imageHistory(request.baseImage()), bySource, request.image(), labels,
                    request.workDir().resolve("layers"), existing.orElse(null));
            id = assembled.imageId();
            List<String> before = existing.map(ImageInfo::diffIds).orElse(List.of());
            List<String> names = simple.get().copies().stream().map(c -> bySource.get(c.source()).name()).toList();
            for (int i = 0; i < names.size(); i++) {
                int index = base.diffIds().size() + i;
                boolean same = index < before.size() && before.get(index).equals(assembled.diffIds().get(index));
                if (!same) {
                    changed.add(names.get(i) + " (" + Durations.bytes(assembled.layerSizes().get(names.get(i))) + ")");
                }
            }
        } else {
            id = buildWithBuilder(request, dockerfile, layers, labels);
        }
        progress.info("image " + request.image() + " built (" + shortId(id) + ") in " + Durations.since(start)
                + (simple.isPresent() ? "; layers changed: " + (changed.isEmpty() ? "none" + otherChanges(existing
                .orElse(null), labels) : String.join(", ", changed)) : " by the engine's builder"));
        String replaced = existing.map(ImageInfo::id).filter(old -> !old.equals(engine.imageId(request.image())
                .orElse(old))).orElse(null);
        return new Result(request.image(), id, true, changed, replaced);
    }

    private String buildWithBuilder(ImageBuildRequest request, String dockerfile, List<Layer> layers,
                                    Map<String, String> labels) {
        try {
            Path dockerfilePath = request.workDir().resolve("Dockerfile");
            Files.createDirectories(request.workDir());
            Files.writeString(dockerfilePath, dockerfile);
            List<TarEntries.Entry> context = new ArrayList<>();
            context.add(TarEntries.Entry.file("Dockerfile", dockerfilePath, Files.size(dockerfilePath), false));
            for (Layer layer : layers) {
                context.add(TarEntries.Entry.directory(layer.source()));
                for (TarEntries.Entry file : layer.files()) {
                    context.add(file.source() == null ? TarEntries.Entry.directory(layer.source() + file.name())
                            : TarEntries.Entry.file(layer.source() + file.name(), file.source(), file.size(),
                            file.executable()));
                }
            }
            context.sort(java.util.Comparator.comparing(TarEntries.Entry::name));
            return engine.build(new BuildRequest(request.workDir(), context, "Dockerfile", Set.of(request.image()),
                    Map.of(), null, labels), progress);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Why an image with the same layers was made again: the labels that differ (a new git revision, say). */
    private static String otherChanges(ImageInfo before, Map<String, String> labels) {
        if (before == null) {
            return "";
        }
        List<String> keys = new ArrayList<>();
        labels.forEach((key, value) -> {
            if (!INPUTS_LABEL.equals(key) && !value.equals(before.labels().get(key))) {
                keys.add(key);
            }
        });
        return keys.isEmpty() ? " (the Dockerfile or the base image changed)" : " (labels changed: "
                + String.join(", ", keys) + ")";
    }

    /** The one class of the project with a main method, as Jib would find it; anything else is an error. */
    private String scannedMainClass(Path classesDir, boolean ownTemplate) {
        List<String> mains = MainClassScan.find(classesDir);
        if (mains.size() != 1 && ownTemplate) {
            return null; // the project's own template may run something else; one that uses ${mainClass} fails naming it
        }
        if (mains.size() == 1) {
            progress.info("main class " + mains.get(0) + " (the only class with a main method; "
                    + Setting.MAIN_CLASS.ref(mains.get(0)) + " pins it)");
            return mains.get(0);
        }
        throw new TemplateFailedException((mains.isEmpty() ? "no main class to run: no class in " + classesDir
                + " has a public static void main(String[]) (run mvn package first?)"
                : "which main class to run? " + mains.size() + " classes have one: " + String.join(", ", mains))
                + "; set " + Setting.MAIN_CLASS.refBoth() + " in the plugin configuration (or the maven-jar-plugin "
                + "manifest's mainClass), or write your own template at src/main/devstack/Dockerfile.ftl");
    }

    private String basePresent(String base) {
        var id = engine.imageId(base);
        if (id.isPresent()) {
            return id.get();
        }
        progress.info("pulling base image " + base + " ...");
        try {
            engine.pull(base, progress);
        } catch (ImageUnavailableException e) {
            throw new ImageUnavailableException(base, e.getMessage() + "; set " + Setting.BASE_IMAGE.refBoth() + " to an "
                    + "image you have");
        }
        return engine.imageId(base).orElseThrow(() -> new ImageUnavailableException(base, "base image " + base
                + " was pulled but the engine does not list it; check the engine's storage and run again"));
    }

    /** The layers, bottom first; empty ones are left out. */
    static List<Layer> layers(ImageBuildRequest request) {
        List<Layer> layers = new ArrayList<>();
        addJars(layers, "dependencies", request, ImageBuildRequest.Kind.RELEASE);
        addJars(layers, "snapshot-dependencies", request, ImageBuildRequest.Kind.SNAPSHOT);
        addJars(layers, "project-dependencies", request, ImageBuildRequest.Kind.MODULE);
        if (request.classesDir() != null && Files.isDirectory(request.classesDir())) {
            List<TarEntries.Entry> all = tree(request.classesDir());
            add(layers, "resources", "/app/classes/", all.stream()
                    .filter(e -> e.source() == null || !e.name().endsWith(".class")).toList());
            add(layers, "classes", "/app/classes/", all.stream()
                    .filter(e -> e.source() == null || e.name().endsWith(".class")).toList());
        }
        for (Path extra : request.extraDirectories()) {
            if (Files.isDirectory(extra)) {
                add(layers, "extra-" + extra.getFileName(), "/app/" + extra.getFileName() + "/", tree(extra));
            }
        }
        return layers;
    }

    private static void addJars(List<Layer> layers, String name, ImageBuildRequest request,
                                ImageBuildRequest.Kind kind) {
        List<TarEntries.Entry> files = new ArrayList<>();
        for (ImageBuildRequest.Dependency dependency : request.dependencies()) {
            if (dependency.kind() != kind || !Files.isRegularFile(dependency.file())) {
                continue;
            }
            try {
                files.add(TarEntries.Entry.file(dependency.file().getFileName().toString(), dependency.file(),
                        Files.size(dependency.file()), false));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        files.sort(java.util.Comparator.comparing(TarEntries.Entry::name));
        add(layers, name, "/app/libs/", files);
    }

    private static void add(List<Layer> layers, String name, String target, List<TarEntries.Entry> files) {
        if (files.stream().anyMatch(f -> f.source() != null)) {
            layers.add(new Layer(name, target, files));
        }
    }

    /** Every file below a directory, relative names, sorted; directories too (so empty ones survive). */
    private static List<TarEntries.Entry> tree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            List<TarEntries.Entry> entries = new ArrayList<>();
            for (Path p : walk.sorted().toList()) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (rel.isEmpty()) {
                    continue;
                }
                entries.add(Files.isDirectory(p) ? TarEntries.Entry.directory(rel)
                        : TarEntries.Entry.file(rel, p, Files.size(p), Files.isExecutable(p)));
            }
            entries.sort(java.util.Comparator.comparing(TarEntries.Entry::name));
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Everything the image depends on: the Dockerfile, the base image, every layer file's content (by its digest,
     * which {@code digests} remembers for files whose stat did not change), the labels.
     */
    static String inputDigest(String dockerfile, String baseId, List<Layer> layers, Map<String, String> labels,
                              FileDigests digests) {
        MessageDigest md = ImageAssembler.digest();
        md.update(("dockerfile\n" + dockerfile + "\nbase " + baseId + "\nlabels " + new java.util.TreeMap<>(labels))
                .getBytes(StandardCharsets.UTF_8));
        for (Layer layer : layers) {
            md.update(("\nlayer " + layer.name() + " " + layer.target()).getBytes(StandardCharsets.UTF_8));
            for (TarEntries.Entry entry : layer.files()) {
                md.update(("\n" + entry.name() + " " + entry.size() + " " + entry.executable())
                        .getBytes(StandardCharsets.UTF_8));
                if (entry.source() != null) {
                    md.update(digests.sha256(entry.source()).getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static String shortId(String id) {
        String bare = id.startsWith("sha256:") ? id.substring(7) : id;
        return bare.substring(0, Math.min(12, bare.length()));
    }
}
