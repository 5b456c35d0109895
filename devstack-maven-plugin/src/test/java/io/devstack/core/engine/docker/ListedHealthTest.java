package io.devstack.core.engine.docker;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ListedHealthTest {
    @Test
    void readsTheHealthDockerWritesIntoTheStatus() {
        assertEquals("healthy", ListedHealth.of("Up 5 minutes (healthy)"));
        assertEquals("unhealthy", ListedHealth.of("Up 2 hours (unhealthy)"));
        assertEquals("starting", ListedHealth.of("Up Less than a second (health: starting)"));
    }

    @Test
    void showsNoneWhereTheStatusHasNone() {
        assertNull(ListedHealth.of("Up 5 minutes"));
        assertNull(ListedHealth.of("Up 5 minutes (Paused)"));
        assertNull(ListedHealth.of("Exited (0) 3 seconds ago"));
        assertNull(ListedHealth.of("Created"));
        assertNull(ListedHealth.of(""));
        assertNull(ListedHealth.of(null));
    }
}
