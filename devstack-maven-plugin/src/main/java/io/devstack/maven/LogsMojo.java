package io.devstack.maven;

import io.devstack.core.engine.Engine;
import io.devstack.core.manage.StackLogs;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Prints the services' logs, each line prefixed with its service; {@code -Ddevstack.follow} keeps following. */
@Mojo(name = "logs", threadSafe = true, requiresProject = true)
public class LogsMojo extends AbstractDevstackMojo {


    /** Keep printing new lines until interrupted (Ctrl-C). */
    @Parameter(property = "devstack.follow", defaultValue = "false")
    boolean follow;

    /** Only the last N lines of each service. */
    @Parameter(property = "devstack.tail")
    Integer tail;

    @Override
    void run(Engine engine) {
        new StackLogs(engine, progress())
                .run(composeRequest(), split(services), follow, tail, System.out::println);
    }
}
