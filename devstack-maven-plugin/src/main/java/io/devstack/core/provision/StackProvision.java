package io.devstack.core.provision;

import io.devstack.core.Progress;
import io.devstack.core.compose.ComposeReader;
import io.devstack.core.compose.ComposeRequest;
import io.devstack.core.dump.DumpDialects;
import io.devstack.core.engine.ContainerInfo;
import io.devstack.core.engine.Containers;
import io.devstack.core.engine.Engine;
import io.devstack.core.stack.Service;
import io.devstack.core.stack.Stack;

import java.nio.file.Path;
import java.util.List;

/** {@code devstack:provision}: runs every provision script again against the running stack, in start order. */
public final class StackProvision {
    private final Engine engine;
    private final Progress progress;

    public StackProvision(Engine engine, Progress progress) {
        this.engine = engine;
        this.progress = progress;
    }

    public int run(ComposeRequest request, Path provisionDir) {
        Stack stack = new ComposeReader(progress::warn).read(request);
        engine.info();
        int ran = 0;
        for (Service service : stack.startOrder()) {
            List<ProvisionScript> scripts = Provisioner.of(stack.provisionDir(service.name(), provisionDir),
                    stack.sourceName(service.name()));
            if (scripts.isEmpty()) {
                continue;
            }
            ContainerInfo container = Containers.running(engine, stack.project(), service.name())
                    .orElseThrow(() -> new ProvisionException("service " + service.name() + " is not running; start "
                            + "the stack with mvn devstack:up first"));
            ran += new Provisioner(engine, progress, stack.workingDir()).run(container.id(), service,
                    DumpDialects.detect(service, service.imageFor(stack.project())).orElse(null), scripts, true);
        }
        if (ran == 0) {
            progress.info("no provision scripts under " + provisionDir + " (expected <service>/*.sql or *.sh)");
        }
        return ran;
    }
}
