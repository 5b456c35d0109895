package io.devstack.core.up;

import io.devstack.core.engine.ContainerSpec;
import io.devstack.core.project.Labels;
import io.devstack.core.stack.HealthCheck;
import io.devstack.core.stack.Mount;
import io.devstack.core.stack.PortMapping;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigHashTest {
    private static final String IMAGE_ID = "sha256:1111111111111111111111111111111111111111111111111111111111111111";

    private static ContainerSpec spec(Map<String, String> env, Map<String, String> labels) {
        return new ContainerSpec("shop-db-1", "postgres:16", List.of("postgres", "-c", "fsync=off"), null, env, labels,
                List.of(new PortMapping("127.0.0.1", 5432, 5432, "tcp")), List.of(),
                List.of(new Mount(Mount.Type.VOLUME, "shop_db-data", "/var/lib/postgresql/data", false)),
                Map.of("shop_default", List.of("db")),
                new HealthCheck(List.of("CMD", "pg_isready"), Duration.ofSeconds(5), null, null, null, false),
                new io.devstack.core.stack.Service.Options(null, null, null, List.of(), null, null, null, null, null,
                        List.of(), List.of(), null, null, null, null));
    }

    private static Map<String, String> env(String... keyValues) {
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            env.put(keyValues[i], keyValues[i + 1]);
        }
        return env;
    }

    private static final Map<String, String> LABELS = Map.of(Labels.PROJECT, "shop", Labels.SERVICE, "db");

    @Test
    void sameSpecAndImageGiveTheSameHash() {
        String a = ConfigHash.of(spec(env("POSTGRES_PASSWORD", "pw"), LABELS), IMAGE_ID);
        String b = ConfigHash.of(spec(env("POSTGRES_PASSWORD", "pw"), LABELS), IMAGE_ID);
        assertEquals(a, b);
        assertTrue(a.matches("[0-9a-f]{64}"), a);
    }

    @Test
    void changesWhenEnvironmentChanges() {
        String before = ConfigHash.of(spec(env("POSTGRES_PASSWORD", "pw"), LABELS), IMAGE_ID);
        assertNotEquals(before, ConfigHash.of(spec(env("POSTGRES_PASSWORD", "pw2"), LABELS), IMAGE_ID));
        assertNotEquals(before, ConfigHash.of(spec(env("POSTGRES_PASSWORD", "pw", "TZ", "UTC"), LABELS), IMAGE_ID));
        assertNotEquals(before, ConfigHash.of(spec(env(), LABELS), IMAGE_ID));
    }

    @Test
    void environmentOrderDoesNotMatter() {
        assertEquals(ConfigHash.of(spec(env("A", "1", "B", "2"), LABELS), IMAGE_ID),
                ConfigHash.of(spec(env("B", "2", "A", "1"), LABELS), IMAGE_ID));
    }

    @Test
    void changesWhenImageIdChanges() {
        Map<String, String> env = env("POSTGRES_PASSWORD", "pw");
        assertNotEquals(ConfigHash.of(spec(env, LABELS), IMAGE_ID),
                ConfigHash.of(spec(env, LABELS), IMAGE_ID.replace('1', '2')));
    }

    @Test
    void ignoresItsOwnLabel() {
        Map<String, String> env = env("POSTGRES_PASSWORD", "pw");
        Map<String, String> withHash = new LinkedHashMap<>(LABELS);
        withHash.put(Labels.CONFIG_HASH, "previous-hash");
        Map<String, String> withOtherHash = new LinkedHashMap<>(LABELS);
        withOtherHash.put(Labels.CONFIG_HASH, "another-hash");

        String plain = ConfigHash.of(spec(env, LABELS), IMAGE_ID);
        assertEquals(plain, ConfigHash.of(spec(env, withHash), IMAGE_ID));
        assertEquals(plain, ConfigHash.of(spec(env, withOtherHash), IMAGE_ID));
    }

    @Test
    void otherLabelsCount() {
        Map<String, String> env = env("POSTGRES_PASSWORD", "pw");
        Map<String, String> more = new LinkedHashMap<>(LABELS);
        more.put("team", "billing");
        assertNotEquals(ConfigHash.of(spec(env, LABELS), IMAGE_ID), ConfigHash.of(spec(env, more), IMAGE_ID));
    }
}
