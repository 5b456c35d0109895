package io.devstack.it;

import org.apache.maven.shared.invoker.DefaultInvocationRequest;
import org.apache.maven.shared.invoker.DefaultInvoker;
import org.apache.maven.shared.invoker.InvocationOutputHandler;
import org.apache.maven.shared.invoker.InvocationRequest;
import org.apache.maven.shared.invoker.InvocationResult;
import org.apache.maven.shared.invoker.MavenInvocationException;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A project under test, laid out in {@code target/it/<name>} from the sample service and/or
 * {@code src/it/<behaviour>/} (whose files win), and built with a real Maven through maven-invoker.
 * The plugin comes from the IT repository that maven-invoker-plugin:install staged; everything else from the
 * user's repository or Maven Central.
 */
final class TestProject {
    static final String MARIADB_IMAGE = "devstack-it/mariadb:10.11";
    static final String POSTGRES_IMAGE = "devstack-it/postgres:15";
    static final String JRE_IMAGE = "devstack-it/jre:17";

    final Path dir;
    final String name;
    final Map<String, String> env = new LinkedHashMap<>();
    private int runs;

    private TestProject(Path dir, String name) {
        this.dir = dir;
        this.name = name;
        env.put("DEVSTACK_MARIADB_IMAGE", MARIADB_IMAGE);
        env.put("DEVSTACK_POSTGRES_IMAGE", POSTGRES_IMAGE);
        env.put("DEVSTACK_JRE_IMAGE", JRE_IMAGE);
    }

    /** The sample service with the files of {@code src/it/<behaviour>} (if any) laid over it. */
    static TestProject sample(String name, String behaviour) {
        TestProject project = fresh(name);
        copyTree(Path.of(System.getProperty("it.sample")), project.dir);
        if (behaviour != null) {
            copyTree(Path.of(System.getProperty("it.projects")).resolve(behaviour), project.dir);
        }
        return project;
    }

    /** Only the files of {@code src/it/<behaviour>}. */
    static TestProject of(String name, String behaviour) {
        TestProject project = fresh(name);
        copyTree(Path.of(System.getProperty("it.projects")).resolve(behaviour), project.dir);
        return project;
    }

    private static TestProject fresh(String name) {
        Path dir = Path.of(System.getProperty("it.work")).resolve(name);
        deleteTree(dir);
        DockerCli.purge(name);
        return new TestProject(dir, name);
    }

    TestProject env(String key, String value) {
        env.put(key, value);
        return this;
    }

    /** Runs Maven with the given goals and -D properties; the log goes to build-N.log in the project. */
    BuildResult mvn(String... goalsAndProperties) {
        List<String> goals = new ArrayList<>();
        Properties properties = new Properties();
        properties.setProperty("devstack.version", System.getProperty("devstack.version"));
        boolean offline = false;
        for (String arg : goalsAndProperties) {
            if (arg.equals("-o")) {
                offline = true;
            } else if (arg.startsWith("-D")) {
                String[] kv = arg.substring(2).split("=", 2);
                properties.setProperty(kv[0], kv.length > 1 ? kv[1] : "true");
            } else {
                goals.add(arg);
            }
        }
        Path logFile = dir.resolve("build-" + (++runs) + ".log");
        InvocationRequest request = new DefaultInvocationRequest();
        request.setBaseDirectory(dir.toFile());
        request.setGoals(goals);
        request.setProperties(properties);
        request.setBatchMode(true);
        request.setOffline(offline);
        request.setNoTransferProgress(true);
        request.setLocalRepositoryDirectory(Path.of(System.getProperty("it.repo")).toFile());
        request.setUserSettingsFile(settings().toFile());
        request.setShellEnvironmentInherited(true);
        env.forEach(request::addShellEnvironment);
        try (BufferedWriter log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
            InvocationOutputHandler toLog = line -> {
                synchronized (log) { // stdout and stderr are read by threads of their own
                    log.write(line);
                    log.newLine();
                }
            };
            request.setOutputHandler(toLog);
            request.setErrorHandler(toLog);
            DefaultInvoker invoker = new DefaultInvoker();
            invoker.setMavenHome(Path.of(System.getProperty("maven.home")).toFile());
            InvocationResult result = invoker.execute(request);
            log.flush();
            return new BuildResult(result.getExitCode(), Files.readString(logFile), logFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MavenInvocationException e) {
            throw new AssertionError("could not run Maven: " + e.getMessage(), e);
        }
    }

    /** Settings that read artifacts from the user's repository first, then Maven Central. */
    private Path settings() {
        Path settings = dir.getParent().resolve("settings.xml");
        if (!Files.exists(settings)) {
            String userRepo = Path.of(System.getProperty("it.userRepo")).toUri().toString();
            String repo = "<id>user-repository</id><url>" + userRepo + "</url>"
                    // a local repository has no checksum files: without "ignore" every artifact logs a stack trace
                    + "<releases><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></releases>"
                    + "<snapshots><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></snapshots>";
            write(settings, "<settings><profiles><profile><id>it</id>"
                    + "<repositories><repository>" + repo + "</repository></repositories>"
                    + "<pluginRepositories><pluginRepository>" + repo + "</pluginRepository></pluginRepositories>"
                    + "</profile></profiles><activeProfiles><activeProfile>it</activeProfile></activeProfiles></settings>");
        }
        return settings;
    }

    /** Writes (or overwrites) a file of the project, relative to its directory. */
    TestProject file(String relative, String text) {
        write(dir.resolve(relative), text);
        return this;
    }

    /** The text of a file of the project. */
    String read(String relative) {
        try {
            return Files.readString(dir.resolve(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts Maven as a plain child process (not through maven-invoker), with the same settings, local repository
     * and environment as {@link #mvn}; its output goes to {@code <logName>} in the project. For tests that must
     * run builds concurrently or signal the Maven JVM.
     */
    MavenProcess start(String logName, String... goalsAndProperties) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("maven.home")).resolve("bin/mvn").toString());
        command.add("-B");
        command.add("--no-transfer-progress");
        command.add("-s");
        command.add(settings().toString());
        command.add("-Dmaven.repo.local=" + Path.of(System.getProperty("it.repo")).toAbsolutePath());
        command.add("-Ddevstack.version=" + System.getProperty("devstack.version"));
        command.addAll(Arrays.asList(goalsAndProperties));
        Path logFile = dir.resolve(logName);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        builder.environment().putAll(env);
        try {
            return new MavenProcess(builder.start(), logFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path relative = from.relativize(source);
                if (relative.toString().startsWith("target")) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> list(String... items) {
        return Arrays.asList(items);
    }
}
