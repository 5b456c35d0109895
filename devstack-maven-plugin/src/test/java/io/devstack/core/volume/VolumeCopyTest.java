package io.devstack.core.volume;

import io.devstack.core.Progress;
import io.devstack.core.engine.ContainerInfo;
import io.devstack.core.engine.ContainerSpec;
import io.devstack.core.engine.FakeEngine;
import io.devstack.core.stack.Service;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VolumeCopyTest {
    private static final Service DB = new Service("db", "mariadb", null, null, null, Map.of(), List.of(), List.of(),
            List.of(), Map.of(), Map.of(), null, Map.of(), List.of(), new Service.Options(null, null, null, List.of(),
            null, null, null, null, null, List.of(), List.of(), null, null, null, null));

    /**
     * Ctrl-C as the copy ends: the hook takes the helper's id, then the build's thread removes the helper before the
     * hook looks at it. The copy had finished, so the hook must start the server again, not give up.
     */
    @Test
    void theHookStartsTheServerWhenTheBuildRemovedTheFinishedHelperFirst() throws Exception {
        CountDownLatch hookLooks = new CountDownLatch(1);
        CountDownLatch helperRemoved = new CountDownLatch(1);
        RacingEngine engine = new RacingEngine(hookLooks, helperRemoved);
        engine.image("mariadb", "sha256:" + "a".repeat(64));
        String server = engine.create(new ContainerSpec("app-db-1", "mariadb", List.of(), null, Map.of(),
                Map.of("com.docker.compose.service", "db"), List.of(), List.of(), List.of(), Map.of(), null,
                DB.options()));
        engine.start(server);
        List<String> warnings = new ArrayList<>();
        Progress progress = new Progress() {
            @Override public void info(String line) { }
            @Override public void warn(String line) { warnings.add(line); }
        };

        VolumeCopy copy = VolumeCopy.pause(engine, progress, "app", DB, "mariadb", server, "resetting db");
        engine.onCopyRunning = () -> {
            Thread hook = new Thread(copy::interrupted, "hook");
            engine.hook = hook;
            hook.start();
            await(hookLooks);
        };
        copy.copy("snapshot-copy", "from-volume", "to-volume", "true");
        helperRemoved.countDown();
        engine.hook.join(TimeUnit.SECONDS.toMillis(10));
        copy.close();

        assertEquals("running", engine.inspect(server).state(), String.join("\n", warnings));
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).endsWith("db was started again"), warnings.get(0));
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS), "the other thread did not get there");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Holds the hook's first look at the helper until the build's thread has removed it. */
    private static final class RacingEngine extends FakeEngine {
        private final CountDownLatch hookLooks;
        private final CountDownLatch helperRemoved;
        volatile Runnable onCopyRunning;
        volatile Thread hook;

        RacingEngine(CountDownLatch hookLooks, CountDownLatch helperRemoved) {
            this.hookLooks = hookLooks;
            this.helperRemoved = helperRemoved;
        }

        @Override
        public ContainerInfo inspect(String containerId) {
            Runnable once = onCopyRunning;
            if (once != null && Thread.currentThread() != hook && hook == null) {
                once.run();
            } else if (Thread.currentThread() == hook) {
                hookLooks.countDown();
                await(helperRemoved);
            }
            return super.inspect(containerId);
        }
    }
}
