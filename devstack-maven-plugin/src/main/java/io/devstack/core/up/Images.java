package io.devstack.core.up;

import io.devstack.core.Durations;
import io.devstack.core.Hashes;
import io.devstack.core.Progress;
import io.devstack.core.engine.BuildRequest;
import io.devstack.core.image.BuildContext;
import io.devstack.core.engine.Engine;
import io.devstack.core.engine.ImageUnavailableException;
import io.devstack.core.project.Labels;
import io.devstack.core.stack.BuildSpec;
import io.devstack.core.stack.Service;
import io.devstack.core.stack.Stack;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Makes every image of a stack present before any container is touched: build, use local, or pull. */
public final class Images {
    private final Engine engine;
    private final Progress progress;

    public Images(Engine engine, Progress progress) {
        this.engine = engine;
        this.progress = progress;
    }

    /** Service name to image id. */
    Map<String, String> prepare(Stack stack) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (Service service : stack.startOrder()) {
            String image = service.imageFor(stack.project());
            String policy = service.options().pullPolicy();
            if (service.build() != null && (service.image() == null || !"never".equals(policy)
                    && engine.imageId(image).isEmpty() || "build".equals(policy))) {
                ids.put(service.name(), build(stack, service, image));
            } else if ("always".equals(policy)) {
                pull(stack, service, image);
                ids.put(service.name(), engine.imageId(image).orElseThrow(() -> new ImageUnavailableException(image,
                        "service " + service.name() + ": image " + image + " was pulled but the engine does not list "
                                + "it; check the engine's storage and run again")));
            } else if ("never".equals(policy)) {
                ids.put(service.name(), engine.imageId(image).orElseThrow(() -> new ImageUnavailableException(image,
                        "service " + service.name() + ": image " + image + " is not present and pull_policy is never; "
                                + "build or load it first")));
            } else {
                ids.put(service.name(), present(stack, service, image));
            }
        }
        return ids;
    }

    /** Builds the stack's compose build: services (skipped when their context is unchanged); service to image. */
    public Map<String, String> buildOwn(Stack stack) {
        Map<String, String> built = new LinkedHashMap<>();
        for (Service service : stack.startOrder()) {
            if (service.build() != null) {
                String image = service.imageFor(stack.project());
                build(stack, service, image);
                built.put(service.name(), image);
            }
        }
        return built;
    }

    private String build(Stack stack, Service service, String image) {
        BuildSpec build = service.build();
        long start = System.nanoTime();
        Map<String, String> labels = new LinkedHashMap<>(build.labels());
        labels.putAll(Labels.project(stack.project()));
        labels.put(Labels.SERVICE, service.name());
        BuildContext context = BuildContext.scan(build.context(), build.dockerfile());
        String tag = image.contains(":") ? image : image + ":latest";
        String digest = contextDigest(context, build, labels);
        var existing = engine.inspectImage(tag);
        existing.ifPresent(old -> previous.add(old.id()));
        if (existing.isPresent() && digest.equals(existing.get().labels().get(CONTEXT_LABEL))) {
            // nothing the builder would see has changed: skip uploading the context at all
            return existing.get().id();
        }
        labels.put(CONTEXT_LABEL, digest);
        context.report(progress, "service " + service.name());
        String id = engine.build(new BuildRequest(build.context(), context.entries(), build.dockerfile(),
                Set.of(tag), build.args(), build.target(), labels), progress);
        // the builder answers with a short id; the config hash must see the same full id a skipped build gives
        id = engine.imageId(tag).orElse(id);
        progress.info("built image " + image + " for " + service.name() + " (" + shortId(id) + ") in "
                + Durations.since(start));
        return id;
    }

    private String present(Stack stack, Service service, String image) {
        var local = engine.imageId(image);
        Stack.Origin origin = stack.origins().get(service.name());
        if (origin != null && origin.builtImage() && local.isPresent() && origin.publishedImageId() != null
                && !origin.publishedImageId().equals(local.get())) {
            // another version's image under the same name: the one this version was published with is in its archive
            if (origin.imagesArchive() != null) {
                return fromProvider(service, image, origin);
            }
            progress.warn("service " + service.name() + ": image " + image + " on this engine (" + shortId(local.get())
                    + ") is not the one " + origin.coordinates() + " was published with (" + shortId(origin
                    .publishedImageId()) + "); using it. Its provider can publish it with <packageImages>true</packageImages>");
        }
        if (local.isPresent()) {
            return local.get();
        }
        if (origin != null && origin.builtImage()) {
            return fromProvider(service, image, origin);
        }
        pull(stack, service, image);
        return engine.imageId(image).orElseThrow(() -> new ImageUnavailableException(image,
                "service " + service.name() + ": image " + image + " is still missing after the pull"));
    }

    /** An image another repository builds: loaded from the archive its provider published, never pulled. */
    private String fromProvider(Service service, String image, Stack.Origin origin) {
        if (origin.imagesArchive() == null) {
            throw new ImageUnavailableException(image, "service " + service.name() + ": image " + image + " is built "
                    + "by the provider of " + origin.coordinates() + " and is not on this engine; publish it with "
                    + "<packageImages>true</packageImages> on the provider's devstack:package, push it to a registry "
                    + "you both use, or build it in the provider's checkout (mvn package devstack:build)");
        }
        if (loadedArchives.add(origin.imagesArchive())) {
            long start = System.nanoTime();
            progress.info("loading the images of " + origin.coordinates() + " from " + origin.imagesArchive()
                    .getFileName() + " ...");
            try (var in = java.nio.file.Files.newInputStream(origin.imagesArchive())) {
                engine.loadImage(in);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            progress.info("loaded the images of " + origin.coordinates() + " in " + Durations.since(start));
        }
        return engine.imageId(image).orElseThrow(() -> new ImageUnavailableException(image, "service "
                + service.name() + ": image " + image + " is not in " + origin.imagesArchive().getFileName()
                + " of " + origin.coordinates() + "; republish the provider with devstack:package after building it"));
    }

    private final Set<java.nio.file.Path> loadedArchives = new java.util.HashSet<>();
    private final java.util.List<String> previous = new java.util.ArrayList<>();

    /**
     * Removes the images rebuilds replaced, once nothing uses them (after the containers were recreated), so a
     * rebuild leaves no dangling image behind; one still in use, or tagged elsewhere, stays.
     */
    public void removeReplaced(java.util.Collection<String> inUse) {
        for (String old : previous) {
            if (!inUse.contains(old) && engine.removeImage(old)) {
                progress.info("removed image " + shortId(old) + ", which a rebuild replaced");
            }
        }
    }

    private void pull(Stack stack, Service service, String image) {
        long start = System.nanoTime();
        progress.info("pulling " + image + " for " + service.name() + " ...");
        try {
            engine.pull(image, progress);
        } catch (ImageUnavailableException e) {
            Stack.Origin origin = stack.origins().get(service.name());
            throw new ImageUnavailableException(image, "service " + service.name() + ": " + e.getMessage()
                    + ". Build or load it locally (docker build / docker load), or point the service at an image "
                    + "you have" + (origin == null ? " (check the variables in .env)" : ": set services."
                    + service.name() + ".image in your compose.override.yaml, or in your environment the variable "
                    + "that stack's compose file reads for it, if any (the image comes from the compose file of "
                    + origin.source() + ")"));
        }
        progress.info("pulled " + image + " in " + Durations.since(start));
    }

    /** Label with the digest of everything a compose build sends the builder. */
    static final String CONTEXT_LABEL = "io.devstack.context-digest";

    /** Context files (names, modes, contents), Dockerfile path, args, target and labels. */
    private static String contextDigest(BuildContext context, BuildSpec build, Map<String, String> labels) {
        java.security.MessageDigest md = Hashes.sha256();
        md.update(("dockerfile " + build.dockerfile() + "\nargs " + new java.util.TreeMap<>(build.args()) + "\ntarget "
                + build.target() + "\nlabels " + new java.util.TreeMap<>(labels)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (var entry : context.entries()) {
            md.update(("\n" + entry.name() + " " + entry.size() + " " + entry.executable())
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            if (entry.source() != null) {
                Hashes.update(md, entry.source());
            }
        }
        return java.util.HexFormat.of().formatHex(md.digest());
    }

    static String shortId(String id) {
        String bare = id.startsWith("sha256:") ? id.substring(7) : id;
        return bare.substring(0, Math.min(12, bare.length()));
    }
}
