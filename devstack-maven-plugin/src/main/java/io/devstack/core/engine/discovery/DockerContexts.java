package io.devstack.core.engine.discovery;

import io.devstack.core.DevstackException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The docker CLI's contexts, read as the CLI stores them: the current one in {@code config.json}, each context's
 * endpoint in {@code contexts/meta/<sha256 of its name>/meta.json}, its TLS files in {@code contexts/tls/<same>/docker/}.
 * JSON is read with the YAML parser, which accepts it once tabs are spaces.
 */
final class DockerContexts {
    private final Path configDir;

    DockerContexts(Path configDir) {
        this.configDir = configDir;
    }

    Path configDir() {
        return configDir;
    }

    /** {@code currentContext} of config.json, or null when it names none (or there is no config.json). */
    String current() {
        Map<String, Object> config = read(configDir.resolve("config.json"));
        Object name = config == null ? null : config.get("currentContext");
        return name instanceof String s && !s.isBlank() ? s : null;
    }

    /** The endpoint of context {@code name}; the "default" context is none (the caller goes on looking). */
    EngineEndpoint endpoint(String name, String foundVia) {
        String id = sha256(name);
        Path meta = configDir.resolve("contexts/meta").resolve(id).resolve("meta.json");
        Map<String, Object> json = read(meta);
        if (json == null) {
            throw new DockerContextException("docker context \"" + name + "\" (" + foundVia + ") does not exist: no "
                    + meta + "; list contexts with `docker context ls`, or use another one");
        }
        Object endpoints = json.get("Endpoints");
        Object docker = endpoints instanceof Map<?, ?> m ? m.get("docker") : null;
        Object host = docker instanceof Map<?, ?> d ? d.get("Host") : null;
        if (!(host instanceof String h) || h.isBlank()) {
            throw new DockerContextException("docker context \"" + name + "\" in " + meta + " has no docker endpoint "
                    + "Host; recreate it with `docker context create " + name + " --docker host=...`");
        }
        boolean skipVerify = docker instanceof Map<?, ?> d && Boolean.TRUE.equals(d.get("SkipTLSVerify"));
        Path tls = configDir.resolve("contexts/tls").resolve(id).resolve("docker");
        boolean hasTls = Files.isRegularFile(tls.resolve("cert.pem")) || Files.isRegularFile(tls.resolve("ca.pem"));
        return new EngineEndpoint(EngineDiscovery.uri(h, "docker context \"" + name + "\""), hasTls ? tls : null,
                hasTls && !skipVerify, "context " + name + ", " + foundVia + (hasTls ? ", TLS" : ""));
    }

    private static Map<String, Object> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            // the CLI indents with tabs, which YAML refuses; valid JSON has no raw tab inside a string
            Object parsed = new Yaml(new SafeConstructor(new LoaderOptions()))
                    .load(Files.readString(file, StandardCharsets.UTF_8).replace('\t', ' '));
            @SuppressWarnings("unchecked")
            Map<String, Object> map = parsed instanceof Map<?, ?> ? (Map<String, Object>) parsed : Map.of();
            return map;
        } catch (IOException | RuntimeException e) {
            throw new DockerContextException(file + " cannot be read (" + e.getMessage().lines().findFirst().orElse("")
                    + "): fix or remove it");
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A context that is named but cannot be used. */
    static final class DockerContextException extends DevstackException {
        DockerContextException(String message) {
            super(message);
        }
    }
}
