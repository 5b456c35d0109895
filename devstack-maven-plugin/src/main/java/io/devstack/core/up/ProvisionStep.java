package io.devstack.core.up;

import io.devstack.core.Progress;
import io.devstack.core.dump.DumpDialects;
import io.devstack.core.engine.Engine;
import io.devstack.core.provision.ProvisionScript;
import io.devstack.core.provision.Provisioner;
import io.devstack.core.stack.Service;

import java.util.List;

/** Step four of a service: its provision scripts, all of them again when its database was dropped and reloaded. */
final class ProvisionStep {
    private final Engine engine;
    private final Progress progress;
    private final UpSession session;

    ProvisionStep(Engine engine, Progress progress, UpSession session) {
        this.engine = engine;
        this.progress = progress;
        this.session = session;
    }

    void run(Service service, String containerId, boolean databaseDropped) {
        List<ProvisionScript> scripts = Provisioner.of(session.stack.provisionDir(service.name(),
                session.request.provisionDir()), session.stack.sourceName(service.name()));
        if (scripts.isEmpty()) {
            return;
        }
        // a dropped and reloaded database lost what the scripts made in it: run them all again, as reset does
        new Provisioner(engine, progress, session.stack.workingDir()).run(containerId, service,
                DumpDialects.detect(service, service.imageFor(session.stack.project())).orElse(null), scripts,
                databaseDropped);
    }
}
