package io.devstack.core.up;

import io.devstack.core.Durations;
import io.devstack.core.Progress;
import io.devstack.core.compose.ComposeReader;
import io.devstack.core.engine.ContainerInfo;
import io.devstack.core.engine.Engine;
import io.devstack.core.stack.Stack;

import java.time.Duration;
import java.util.List;

/**
 * {@code devstack:down}: removes every container of the project (including ones no longer in the compose
 * file) and its network. Volumes, and so data, stay unless {@code removeVolumes} is set.
 */
public final class StackDown {
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private final Engine engine;
    private final Progress progress;

    public StackDown(Engine engine, Progress progress) {
        this.engine = engine;
        this.progress = progress;
    }

    public void run(DownRequest request) {
        long start = System.nanoTime();
        Stack stack = new ComposeReader(progress::warn).read(request.compose());
        engine.info();
        List<ContainerInfo> containers = engine.containers(Labels.filter(stack.project(), null));
        for (ContainerInfo container : containers) {
            long t = System.nanoTime();
            engine.stop(container.id(), STOP_GRACE);
            engine.remove(container.id());
            progress.info("container " + container.name() + " removed in " + Durations.since(t));
        }
        if (engine.networkId(stack.networkName()).isPresent()) {
            engine.removeNetwork(stack.networkName());
            progress.info("network " + stack.networkName() + " removed");
        }
        if (request.removeVolumes()) {
            for (String volume : engine.volumes(Labels.filter(stack.project(), null))) {
                engine.removeVolume(volume);
                progress.info("volume " + volume + " removed (its data is gone)");
            }
        } else {
            List<String> kept = engine.volumes(Labels.filter(stack.project(), null));
            if (!kept.isEmpty()) {
                progress.info("kept volume(s) " + String.join(", ", kept)
                        + " with your data; -Ddevstack.removeVolumes=true removes them");
            }
        }
        progress.info(stack.project() + " is down (" + Durations.since(start) + ")");
    }
}
