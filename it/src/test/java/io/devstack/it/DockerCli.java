package io.devstack.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The docker CLI, to observe and clean up real engine state independently of the code under test. */
final class DockerCli {
    private DockerCli() {
    }

    static String run(String... args) {
        List<String> command = new ArrayList<>();
        command.add("docker");
        command.addAll(Arrays.asList(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("`" + String.join(" ", command) + "` failed: " + output);
            }
            return output.strip();
        } catch (IOException e) {
            throw new AssertionError("cannot run docker: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static List<String> lines(String output) {
        return output.isEmpty() ? List.of() : output.lines().toList();
    }

    /** Ids of the project's containers (any state), by the compose project label. */
    static List<String> containers(String project) {
        return lines(run("ps", "-aq", "--no-trunc", "--filter", "label=com.docker.compose.project=" + project));
    }

    static String containerOf(String project, String service) {
        List<String> ids = lines(run("ps", "-aq", "--no-trunc", "--filter", "label=com.docker.compose.project=" + project,
                "--filter", "label=com.docker.compose.service=" + service));
        if (ids.size() != 1) {
            throw new AssertionError("expected one container for " + project + "/" + service + " but found " + ids);
        }
        return ids.get(0);
    }

    static List<String> volumes(String project) {
        return lines(run("volume", "ls", "-q", "--filter", "label=com.docker.compose.project=" + project));
    }

    static List<String> networks(String project) {
        return lines(run("network", "ls", "-q", "--filter", "label=com.docker.compose.project=" + project));
    }

    static String inspect(String id, String format) {
        return run("inspect", "--format", format, id);
    }

    /** Runs SQL as root in a MariaDB container and returns the tab-separated rows. */
    static String mariadb(String container, String password, String sql) {
        return run("exec", container, "mariadb", "-uroot", "-p" + password, "-N", "-B", "-e", sql);
    }

    static String psql(String container, String user, String database, String sql) {
        return run("exec", container, "psql", "-X", "-q", "-t", "-A", "-U", user, "-d", database, "-c", sql);
    }

    /** Removes everything of a project, whatever state a failed test left it in. */
    static void purge(String project) {
        for (String id : containers(project)) {
            run("rm", "-f", "-v", id);
        }
        for (String id : networks(project)) {
            run("network", "rm", id);
        }
        for (String name : volumes(project)) {
            run("volume", "rm", "-f", name);
        }
    }
}
