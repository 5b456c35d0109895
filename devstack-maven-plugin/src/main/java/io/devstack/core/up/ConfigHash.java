package io.devstack.core.up;

import io.devstack.core.engine.ContainerSpec;
import io.devstack.core.project.Labels;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A digest of everything that shapes a container (the resolved image id included), so an unchanged service
 * is recognised and left alone, and a changed one recreated.
 */
final class ConfigHash {
    private ConfigHash() {
    }

    static String of(ContainerSpec spec, String imageId) {
        Map<String, String> labels = new TreeMap<>(spec.labels());
        labels.remove(Labels.CONFIG_HASH);
        String canonical = String.join("\n",
                "image=" + imageId,
                "name=" + spec.name(),
                "command=" + spec.command(),
                "entrypoint=" + spec.entrypoint(),
                "env=" + new TreeMap<>(spec.environment()),
                "labels=" + labels,
                "ports=" + spec.ports(),
                "expose=" + spec.expose(),
                "mounts=" + spec.mounts(),
                "networks=" + spec.networks(),
                "health=" + spec.healthcheck(),
                "options=" + spec.options());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
