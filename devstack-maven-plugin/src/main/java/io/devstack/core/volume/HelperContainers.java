package io.devstack.core.volume;

import io.devstack.core.Progress;
import io.devstack.core.engine.ContainerInfo;
import io.devstack.core.engine.Engine;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The short-lived containers devstack runs beside a stack (volume copies, throwaway databases). Each carries the
 * project, its role and the process that made it, so a later run can tell one an interrupted run left behind from
 * one a concurrent run still uses, and remove the former.
 */
public final class HelperContainers {
    public static final String PROJECT = "io.devstack.project";
    public static final String ROLE = "io.devstack.role";
    public static final String PID = "io.devstack.pid";
    public static final String HOST = "io.devstack.host";
    private static final Duration COPY_WAIT = Duration.ofMinutes(5);

    private HelperContainers() {
    }

    /** Labels for a helper of {@code role} made by this process. */
    public static Map<String, String> labels(String project, String role) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(PROJECT, project);
        labels.put(ROLE, role);
        labels.put(PID, String.valueOf(ProcessHandle.current().pid()));
        labels.put(HOST, localHost());
        return labels;
    }

    /**
     * Removes the helpers of {@code project} whose process is gone. A copy still running is waited for first:
     * cutting it off would leave its target volume half written.
     */
    public static int sweep(Engine engine, String project, Progress progress) {
        int removed = 0;
        for (ContainerInfo helper : leftovers(engine, project)) {
            String role = helper.labels().get(ROLE);
            if (helper.running() && role.endsWith("copy")) {
                progress.info("waiting for " + helper.name() + ", a volume copy an interrupted run left running");
                if (VolumeCopy.awaitExit(engine, helper.id(), COPY_WAIT).running()) {
                    throw new VolumeCopy.CopyException(helper.name() + ", a volume copy an interrupted run left, "
                            + "still runs after " + COPY_WAIT.toMinutes() + " min; let it finish (docker wait "
                            + helper.name() + ") and run again");
                }
            }
            engine.remove(helper.id());
            removed++;
        }
        if (removed > 0) {
            progress.info("removed " + removed + " helper container(s) an interrupted devstack run left behind");
        }
        return removed;
    }

    static List<ContainerInfo> leftovers(Engine engine, String project) {
        return engine.listed(Map.of(PROJECT, project)).stream()
                .filter(c -> c.labels().containsKey(ROLE) && !alive(c.labels().get(HOST), c.labels().get(PID)))
                .toList();
    }

    private static volatile String localHost;

    /** This machine's name: a process id means something only on the machine that made the helper. */
    private static String localHost() {
        if (localHost == null) {
            localHost = lookUpLocalHost();
        }
        return localHost;
    }

    private static String lookUpLocalHost() {
        String name = System.getenv("HOSTNAME");
        if (name == null || name.isBlank()) {
            try {
                name = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                name = "unknown";
            }
        }
        return name;
    }

    private static boolean alive(String host, String pid) {
        if (host != null && !host.equals(localHost())) {
            return true; // made on another machine sharing this engine: not ours to judge
        }
        if (pid == null || !pid.matches("\\d+")) {
            return false;
        }
        // this process's own helpers belong to work still going on in it (a parallel build of several modules)
        long id = Long.parseLong(pid);
        return ProcessHandle.of(id).map(ProcessHandle::isAlive).orElse(false);
    }
}
