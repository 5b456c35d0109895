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
        Result result = tryRun(args);
        if (result.exitCode() != 0) {
            throw new AssertionError("`docker " + String.join(" ", args) + "` failed: " + result.output());
        }
        return result.output();
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

    /** Runs docker and returns exit code and output, without failing: for commands expected to fail. */
    static Result tryRun(String... args) {
        List<String> command = new ArrayList<>();
        command.add("docker");
        command.addAll(Arrays.asList(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("`" + String.join(" ", command) + "` did not finish");
            }
            return new Result(process.exitValue(), output.strip());
        } catch (IOException e) {
            throw new AssertionError("cannot run docker: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Exit code and combined output of a docker command. */
    record Result(int exitCode, String output) {
    }

    /** Runs a command in a running container and returns its output; fails when it exits non-zero. */
    static String exec(String container, String... command) {
        List<String> args = new ArrayList<>(List.of("exec", container));
        args.addAll(Arrays.asList(command));
        return run(args.toArray(new String[0]));
    }

    /** The container's environment as KEY=VALUE lines ({@code .Config.Env}). */
    static List<String> env(String container) {
        return lines(inspect(container, "{{range .Config.Env}}{{println .}}{{end}}"));
    }

    /** Names of the networks the container is attached to, sorted. */
    static List<String> networksOf(String container) {
        return lines(inspect(container, "{{range $k, $v := .NetworkSettings.Networks}}{{println $k}}{{end}}"))
                .stream().sorted().toList();
    }

    /** Containers of the project grouped by their service label: service name to container ids. */
    static java.util.Map<String, List<String>> containerIdsByService(String project) {
        java.util.Map<String, List<String>> result = new java.util.TreeMap<>();
        for (String id : containers(project)) {
            String service = inspect(id, "{{index .Config.Labels \"com.docker.compose.service\"}}");
            result.computeIfAbsent(service, s -> new ArrayList<>()).add(id);
        }
        return result;
    }

    /** Removes a container by name or id if it exists (for containers a test made outside any project). */
    static void removeIfPresent(String nameOrId) {
        tryRun("rm", "-f", "-v", nameOrId);
    }
}
