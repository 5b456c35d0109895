package io.devstack.maven;

import io.devstack.core.compose.ComposeReader;
import io.devstack.core.compose.ComposeRequest;
import io.devstack.core.engine.Engine;
import io.devstack.core.manage.StackLogs;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Prints the services' logs interleaved in the order they were written, each line prefixed with its service
 * ({@code -Ddevstack.timestamps} shows the time of each); {@code -Ddevstack.follow} keeps following.
 */
@Mojo(name = "logs", threadSafe = true, requiresProject = true)
public class LogsMojo extends AbstractDevstackMojo {


    /** Keep printing new lines until interrupted (Ctrl-C). */
    @Parameter(property = "devstack.follow", defaultValue = "false")
    boolean follow;

    /** Only the last N lines of each service. */
    @Parameter(property = "devstack.tail")
    Integer tail;

    /** Show the engine's time of each line. */
    @Parameter(property = "devstack.timestamps", defaultValue = "false")
    boolean timestamps;

    @Override
    boolean actsOnWorkspace() {
        return true;
    }

    @Override
    void run(Engine engine) {
        ComposeRequest request = composeRequest();
        new StackLogs(engine, progress())
                .run(request, selectedServices(() -> new ComposeReader(w -> { }).read(request).services().keySet()),
                        follow, tail, timestamps, System.out::println);
    }
}
