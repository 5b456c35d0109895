package io.devstack.core.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The image creation time settings, as Jib names them. */
class CreationTimeTest {
    @TempDir
    Path dir;

    @Test
    void epochIsTheFixedDefaultAndAnInstantIsTakenAsGiven() {
        assertEquals(CreationTime.FIXED, CreationTime.of(null, dir));
        assertEquals(CreationTime.FIXED, CreationTime.of("epoch", dir));
        assertEquals("2026-01-31T11:00:00Z", CreationTime.of("2026-01-31T12:00:00+01:00", dir));
        Instant now = Instant.parse(CreationTime.of("USE_CURRENT_TIMESTAMP", dir));
        assertTrue(Math.abs(now.getEpochSecond() - Instant.now().getEpochSecond()) < 60);
    }

    @Test
    void aTimeThatIsNoneAndACommitOutsideGitAreNamed() {
        var e = assertThrows(CreationTime.BadCreationTimeException.class, () -> CreationTime.of("yesterday", dir));
        assertTrue(e.getMessage().contains("yesterday}} is not a creation time; use EPOCH"), e.getMessage());
        e = assertThrows(CreationTime.BadCreationTimeException.class, () -> CreationTime.of("COMMIT", dir));
        assertTrue(e.getMessage().contains("needs a git checkout with a commit"), e.getMessage());
    }
}
