package io.devstack.core.stack;

import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.List;
import java.util.StringJoiner;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The written-out forms must equal what the compiler generates, or every config hash (and container) changes. */
class RecordTextTest {
    @Test
    void mountsPrintAsTheRecordWould() {
        for (Mount mount : List.of(new Mount(Mount.Type.VOLUME, "p_data", "/var/lib/mysql", false),
                new Mount(Mount.Type.BIND, "/src", "/app", true), new Mount(Mount.Type.TMPFS, null, "/tmp", false))) {
            assertEquals(generated(mount), mount.toString());
        }
    }

    @Test
    void healthchecksPrintAsTheRecordWould() {
        for (HealthCheck check : List.of(new HealthCheck(List.of("CMD", "true"), Duration.ofSeconds(1),
                Duration.ofMillis(1500), 60, Duration.ofSeconds(30), false),
                new HealthCheck(null, null, null, null, null, true))) {
            assertEquals(generated(check), check.toString());
        }
    }

    @Test
    void optionsPrintAsTheRecordWould() {
        for (Service.Options options : List.of(new Service.Options("unless-stopped", "/app", "1000:1000",
                List.of("host.docker.internal:host-gateway"), "db", "db.local", Duration.ofSeconds(20), "SIGINT",
                true, List.of("NET_ADMIN"), List.of("MKNOD"), "linux/amd64", false, 268435456L, "never"),
                new Service.Options(null, null, null, List.of(), null, null, null, null, null, List.of(), List.of(),
                        null, null, null, null))) {
            assertEquals(generated(options), options.toString());
        }
    }

    /** The compiler's form, {@code SimpleName[component=value, ...]}, from the record's components. */
    private static String generated(Record record) {
        StringJoiner text = new StringJoiner(", ", record.getClass().getSimpleName() + "[", "]");
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            try {
                text.add(component.getName() + "=" + component.getAccessor().invoke(record));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new AssertionError(e);
            }
        }
        return text.toString();
    }
}
