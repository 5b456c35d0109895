package io.devstack.core.manage;

import io.devstack.core.DevstackException;
import io.devstack.core.Progress;
import io.devstack.core.compose.ComposeReader;
import io.devstack.core.compose.ComposeRequest;
import io.devstack.core.engine.ContainerInfo;
import io.devstack.core.engine.Engine;
import io.devstack.core.project.Labels;
import io.devstack.core.stack.Stack;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code devstack:logs}: the log lines of all (or the named) services, each prefixed with its service name;
 * with {@code follow}, one reader per container until they stop or the build is interrupted.
 */
public final class StackLogs {
    private final Engine engine;
    private final Progress progress;

    public StackLogs(Engine engine, Progress progress) {
        this.engine = engine;
        this.progress = progress;
    }

    public void run(ComposeRequest request, List<String> services, boolean follow, Integer tail, Consumer<String> sink) {
        run(request, services, follow, tail, false, sink);
    }

    /**
     * All services' lines in the order they were written (by the engine's time of each line, as the compose CLI
     * prints them), each prefixed with its service, and with {@code timestamps} that time too.
     */
    public void run(ComposeRequest request, List<String> services, boolean follow, Integer tail, boolean timestamps,
                    Consumer<String> sink) {
        Stack stack = new ComposeReader(progress::warn).read(request);
        for (String service : services) {
            if (!stack.services().containsKey(service)) {
                throw new UnknownServiceException("no service \"" + service + "\" in the compose file; known services: "
                        + String.join(", ", stack.services().keySet()));
            }
        }
        engine.info();
        List<ContainerInfo> containers = engine.containers(Labels.filter(stack.project(), null)).stream()
                .filter(c -> services.isEmpty() || services.contains(c.labels().get(Labels.SERVICE))).toList();
        if (containers.isEmpty()) {
            progress.info("no containers of " + stack.project() + (services.isEmpty() ? "" : " for " + services)
                    + "; start them with mvn devstack:up");
            return;
        }
        int width = containers.stream().mapToInt(c -> c.labels().getOrDefault(Labels.SERVICE, "?").length()).max()
                .orElse(1);
        if (!follow) {
            interleaved(containers, width, tail, timestamps, sink);
            return;
        }
        List<Thread> readers = new ArrayList<>();
        for (ContainerInfo container : containers) {
            String prefix = String.format("%-" + width + "s | ", container.labels().getOrDefault(Labels.SERVICE, "?"));
            Thread thread = new Thread(() -> engine.logs(container.id(), true, tail, timestamps, line -> {
                synchronized (sink) {
                    sink.accept(prefix + line);
                }
            }), "devstack-logs-" + container.name());
            thread.setDaemon(true);
            thread.start();
            readers.add(thread);
        }
        try {
            for (Thread reader : readers) {
                reader.join();
            }
        } catch (InterruptedException e) {
            readers.forEach(Thread::interrupt);
            Thread.currentThread().interrupt();
        }
    }

    private record Line(java.time.Instant at, int order, String text) {
    }

    private void interleaved(List<ContainerInfo> containers, int width, Integer tail, boolean timestamps,
                             Consumer<String> sink) {
        List<Line> lines = new ArrayList<>();
        for (ContainerInfo container : containers) {
            String prefix = String.format("%-" + width + "s | ", container.labels().getOrDefault(Labels.SERVICE, "?"));
            engine.logs(container.id(), false, tail, true, line -> {
                int space = line.indexOf(' ');
                java.time.Instant at = java.time.Instant.EPOCH;
                try {
                    at = java.time.Instant.parse(line.substring(0, Math.max(space, 0)));
                } catch (java.time.format.DateTimeParseException e) {
                    space = -1; // not a timestamp: keep the line whole, first
                }
                lines.add(new Line(at, lines.size(), prefix + (timestamps || space < 0 ? line
                        : line.substring(space + 1))));
            });
        }
        lines.sort(java.util.Comparator.comparing(Line::at).thenComparingInt(Line::order));
        lines.forEach(l -> sink.accept(l.text()));
    }

    /** A service named on the command line is not in the compose file. */
    public static final class UnknownServiceException extends DevstackException {
        public UnknownServiceException(String message) {
            super(message);
        }
    }
}
