package io.devstack.core.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.devstack.core.Hashes;
import io.devstack.core.archive.TarEntries;
import io.devstack.core.engine.Engine;
import io.devstack.core.engine.HistoryEntry;
import io.devstack.core.engine.ImageBuildException;
import io.devstack.core.engine.ImageInfo;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Assembles an image from a base image and reproducible layer tars, without a builder, and loads it with
 * {@code POST /images/load}. The config has fixed timestamps and sorted keys, so the image id (the config's
 * digest) depends only on the inputs. Layers the engine already has below an unchanged prefix are not sent.
 */
final class ImageAssembler {
    static final String CREATED = "1980-01-01T00:00:00Z";
    private final Engine engine;

    private final String created;

    ImageAssembler(Engine engine) {
        this(engine, CREATED);
    }

    /** {@code created}: the image's creation time (ISO-8601), fixed by default so the same inputs give the same id. */
    ImageAssembler(Engine engine, String created) {
        this.engine = engine;
        this.created = created;
    }

    record Assembled(String imageId, List<String> diffIds, Map<String, Long> layerSizes) {
    }

    Assembled assemble(SimpleDockerfile dockerfile, ImageInfo base, List<HistoryEntry> baseHistory,
                       Map<String, Layer> layersBySource, String tag, Map<String, String> labels, Path workDir,
                       ImageInfo previous) {
        try {
            Files.createDirectories(workDir);
            List<Path> tars = new ArrayList<>();
            List<String> newDiffIds = new ArrayList<>();
            Map<String, Long> sizes = new LinkedHashMap<>();
            for (SimpleDockerfile.Copy copy : dockerfile.copies()) {
                Layer layer = layersBySource.get(copy.source());
                Path tar = workDir.resolve(layer.name() + ".tar");
                newDiffIds.add(writeLayer(layer, copy.target(), tar));
                tars.add(tar);
                sizes.put(layer.name(), Files.size(tar));
            }
            List<String> diffIds = new ArrayList<>(base.diffIds());
            diffIds.addAll(newDiffIds);
            byte[] config = config(dockerfile, base, baseHistory, diffIds, labels);
            String configDigest = sha256(config);
            // the engine skips reading a layer whose chain it has: send only those after the common prefix
            int known = base.diffIds().size();
            if (previous != null) {
                while (known < diffIds.size() && known < previous.diffIds().size()
                        && previous.diffIds().get(known).equals(diffIds.get(known))) {
                    known++;
                }
            }
            load(tag, configDigest, config, diffIds, tars, known - base.diffIds().size(), base.diffIds().size());
            String id = "sha256:" + configDigest;
            String loaded = engine.imageId(tag).orElse("");
            if (!loaded.equals(id)) {
                throw new ImageBuildException("the engine stored " + tag + " as " + loaded + " instead of " + id);
            }
            return new Assembled(id, diffIds, sizes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the layer tar and returns its diff id. Parent directories of the target are entries too. */
    private static String writeLayer(Layer layer, String target, Path tar) throws IOException {
        String base = target.replaceAll("^/+", "").replaceAll("/+$", "") + "/";
        TreeSet<String> dirs = new TreeSet<>();
        List<TarEntries.Entry> entries = new ArrayList<>();
        for (TarEntries.Entry file : layer.files()) {
            String name = base + file.name();
            for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
                dirs.add(name.substring(0, slash + 1));
            }
            if (file.source() != null) {
                entries.add(TarEntries.Entry.file(name, file.source(), file.size(), file.executable()));
            }
        }
        for (String dir : dirs) {
            entries.add(TarEntries.Entry.directory(dir));
        }
        entries.sort(java.util.Comparator.comparing(TarEntries.Entry::name));
        MessageDigest md = digest();
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tar), md)) {
            TarEntries.write(entries, out);
        }
        return "sha256:" + HexFormat.of().formatHex(md.digest());
    }

    private byte[] config(SimpleDockerfile df, ImageInfo base, List<HistoryEntry> baseHistory,
                                 List<String> diffIds, Map<String, String> labels) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String entry : base.env()) {
            int eq = entry.indexOf('=');
            env.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
        }
        env.putAll(df.env());
        Map<String, Object> container = new TreeMap<>();
        container.put("Env", env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        // as the builder does: a new ENTRYPOINT drops the base's CMD unless CMD is given again
        List<String> entrypoint = df.entrypoint() != null ? df.entrypoint() : base.entrypoint();
        List<String> cmd = df.cmd() != null ? df.cmd() : df.entrypoint() != null ? null : base.cmd();
        if (entrypoint != null) {
            container.put("Entrypoint", entrypoint);
        }
        if (cmd != null) {
            container.put("Cmd", cmd);
        }
        String workdir = df.workdir() != null ? df.workdir() : base.workingDir();
        if (workdir != null && !workdir.isEmpty()) {
            container.put("WorkingDir", workdir);
        }
        String user = df.user() != null ? df.user() : base.user();
        if (user != null && !user.isEmpty()) {
            container.put("User", user);
        }
        Map<String, Object> exposed = new TreeMap<>();
        base.exposedPorts().forEach(p -> exposed.put(p, Map.of()));
        df.expose().forEach(p -> exposed.put(p, Map.of()));
        if (!exposed.isEmpty()) {
            container.put("ExposedPorts", exposed);
        }
        Map<String, String> allLabels = new TreeMap<>(base.labels());
        allLabels.putAll(df.labels());
        allLabels.putAll(labels);
        container.put("Labels", allLabels);

        Map<String, Object> config = new TreeMap<>();
        config.put("architecture", base.architecture() == null ? "amd64" : base.architecture());
        config.put("os", base.os() == null ? "linux" : base.os());
        config.put("created", created);
        config.put("config", container);
        config.put("rootfs", Map.of("type", "layers", "diff_ids", diffIds));
        List<Map<String, Object>> history = baseHistory(baseHistory, base.diffIds().size());
        for (SimpleDockerfile.Copy copy : df.copies()) {
            history.add(Map.of("created", created, "created_by", "devstack: COPY " + copy.source() + " " + copy.target()));
        }
        config.put("history", history);
        return new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                .writeValueAsBytes(config);
    }

    /**
     * The base image's own steps, so {@code docker history} shows them below ours. Tools pair history rows that are
     * not {@code empty_layer} with layers in order, so each base layer needs exactly one such row. Which rows made no
     * layer is read first from the steps themselves (metadata instructions such as ENV or CMD) — the same answer on
     * every engine, so the image id does not depend on the engine's storage — then from the engine's sizes (a step
     * that made no layer has size 0); when neither accounts for every layer, each base layer gets a neutral row.
     */
    static List<Map<String, Object>> baseHistory(List<HistoryEntry> steps, int layers) {
        for (java.util.function.Predicate<HistoryEntry> empty : List.<java.util.function.Predicate<HistoryEntry>>of(
                ImageAssembler::metadataOnly, s -> s.size() == 0)) {
            if (steps.stream().filter(empty.negate()).count() == layers) {
                List<Map<String, Object>> history = new ArrayList<>();
                for (HistoryEntry step : steps) {
                    Map<String, Object> row = new TreeMap<>();
                    row.put("created", java.time.Instant.ofEpochSecond(step.createdEpochSeconds()).toString());
                    row.put("created_by", step.createdBy());
                    if (!step.comment().isEmpty()) {
                        row.put("comment", step.comment());
                    }
                    if (empty.test(step)) {
                        row.put("empty_layer", true);
                    }
                    history.add(row);
                }
                return history;
            }
        }
        List<Map<String, Object>> history = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            history.add(Map.of("created", CREATED, "created_by", "base image layer " + (i + 1)));
        }
        return history;
    }

    private static final java.util.regex.Pattern METADATA_STEP = java.util.regex.Pattern.compile(
            "(?:/bin/sh -c #\\(nop\\)\\s*)?(ENV|LABEL|CMD|ENTRYPOINT|EXPOSE|USER|ARG|VOLUME|STOPSIGNAL|HEALTHCHECK|"
                    + "SHELL|ONBUILD|MAINTAINER)\\b.*", java.util.regex.Pattern.DOTALL);

    /** A Dockerfile instruction that only changes the config (the classic builder writes "#(nop)" before it). */
    static boolean metadataOnly(HistoryEntry step) {
        String by = step.createdBy().strip();
        return (by.startsWith("/bin/sh -c #(nop)") || !by.startsWith("/bin/sh -c"))
                && METADATA_STEP.matcher(by).matches();
    }

    /** Streams a docker-archive: config, manifest and the layer tars the engine does not have yet. */
    private void load(String tag, String configDigest, byte[] config, List<String> diffIds, List<Path> tars,
                      int skipNew, int baseCount) throws IOException {
        List<String> layerPaths = new ArrayList<>();
        for (String diffId : diffIds) {
            layerPaths.add(diffId.substring(7) + "/layer.tar");
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("Config", configDigest + ".json");
        manifest.put("RepoTags", List.of(tag));
        manifest.put("Layers", layerPaths);
        byte[] manifestJson = new ObjectMapper().writeValueAsBytes(List.of(manifest));
        List<TarEntries.Entry> entries = new ArrayList<>();
        List<Path> temp = new ArrayList<>();
        Path configFile = Files.createTempFile("devstack-config", ".json");
        Path manifestFile = Files.createTempFile("devstack-manifest", ".json");
        temp.add(configFile);
        temp.add(manifestFile);
        Files.write(configFile, config);
        Files.write(manifestFile, manifestJson);
        entries.add(TarEntries.Entry.file(configDigest + ".json", configFile, config.length, false));
        for (int i = skipNew; i < tars.size(); i++) {
            String name = layerPaths.get(baseCount + i);
            entries.add(TarEntries.Entry.directory(name.substring(0, name.indexOf('/'))));
            entries.add(TarEntries.Entry.file(name, tars.get(i), Files.size(tars.get(i)), false));
        }
        entries.add(TarEntries.Entry.file("manifest.json", manifestFile, manifestJson.length, false));
        PipedInputStream in = new PipedInputStream(1 << 20);
        PipedOutputStream out = new PipedOutputStream(in);
        FutureTask<Void> writer = new FutureTask<>(() -> {
            try (out) {
                TarEntries.write(entries, out);
            }
            return null;
        });
        Thread thread = new Thread(writer, "devstack-image-load");
        thread.setDaemon(true);
        thread.start();
        try {
            if (System.getProperty("devstack.debugArchive") != null) {
                Files.copy(in, Path.of(System.getProperty("devstack.debugArchive")),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } else {
                engine.loadImage(in);
            }
            writer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageBuildException("interrupted while loading " + tag);
        } catch (ExecutionException e) {
            throw new ImageBuildException("cannot stream the image archive: " + e.getCause().getMessage());
        } finally {
            in.close();
            for (Path file : temp) {
                Files.deleteIfExists(file);
            }
        }
    }

    static String sha256(byte[] bytes) {
        return Hashes.sha256(bytes);
    }

    static MessageDigest digest() {
        return Hashes.sha256();
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
