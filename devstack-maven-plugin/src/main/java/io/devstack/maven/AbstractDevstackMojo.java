package io.devstack.maven;

import io.devstack.core.DevstackException;
import io.devstack.core.compose.ComposeFileException;
import io.devstack.core.compose.ComposeFiles;
import io.devstack.core.compose.ComposeRequest;
import io.devstack.core.compose.IncludedStack;
import io.devstack.core.publish.LinkedCheckout;
import io.devstack.core.engine.Engine;
import io.devstack.core.engine.docker.DockerJavaEngine;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectBuilder;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Parameters every goal shares. Subclasses build a request, call one core entry point, and let
 * {@link #execute()} turn devstack's typed errors into one clear build failure.
 */
abstract class AbstractDevstackMojo extends AbstractMojo {

    /** Skip every devstack goal. */
    @Parameter(property = "devstack.skip", defaultValue = "false")
    boolean skip;

    /**
     * The engine to use (unix:///…, tcp://host:2376), before DOCKER_HOST, DOCKER_CONTEXT, the current docker context
     * and the usual sockets; TLS settings come from DOCKER_TLS_VERIFY and DOCKER_CERT_PATH.
     */
    @Parameter(property = "devstack.dockerHost")
    String dockerHost;

    /** Compose file(s), comma separated, relative to the project directory; default: compose.yaml and friends. */
    @Parameter(property = "devstack.composeFile")
    String composeFile;

    /** Project name; default: the compose file's name: key, else the directory name. */
    @Parameter(property = "devstack.project")
    String project;

    /** Compose profiles to enable, comma separated; default: COMPOSE_PROFILES, else none. */
    @Parameter(property = "devstack.profiles")
    String profiles;

    /** Seconds each service may take to get ready, where a goal waits (up, restart, reset, dump's database). */
    @Parameter(property = "devstack.timeout", defaultValue = "120")
    int timeout;

    /** Services to act on, comma separated (logs, restart, reset); default: all of them. */
    @Parameter(property = "devstack.services")
    String services;

    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    File basedir;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    MojoExecution mojoExecution;

    /**
     * Stacks of other repositories to run beside this one, by the coordinates of their {@code devstack:package}
     * artifact: {@code <stack><coordinates>g:a:v</coordinates><alias>…</alias><services>a,b</services></stack>}.
     */
    @Parameter
    List<StackRef> stacks = List.of();

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject mavenProject;

    @Component
    RepositorySystem repositorySystem;

    @Component
    ProjectBuilder projectBuilder;

    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true, required = true)
    RepositorySystemSession repositorySession;

    @Parameter(defaultValue = "${project.remoteProjectRepositories}", readonly = true, required = true)
    List<RemoteRepository> remoteRepositories;

    /** The goal running, for messages that name its own settings. */
    String goal() {
        return mojoExecution == null ? "" : mojoExecution.getGoal();
    }

    MavenProgress progress() {
        return new MavenProgress(getLog(), goal());
    }

    {
        DockerJavaEngine.preloadClasses(); // while Maven configures this goal
    }

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("devstack is skipped (devstack.skip=true)");
            return;
        }
        try (Engine engine = new DockerJavaEngine(dockerHost)) {
            workspace = actsOnWorkspace() ? Workspace.detect(session) : null;
            if (workspace != null && !workspace.runsIn(mavenProject)) {
                deferToWorkspace(engine);
                getLog().info("part of workspace " + workspace.root().getArtifactId() + ": devstack:" + goal()
                        + " runs for all its modules after the last one");
                return;
            }
            if (usesEngine()) {
                engine.connectAhead(); // overlaps reading the compose files, stacks and image inputs
            }
            run(engine);
        } catch (ComposeFileException e) {
            throw new MojoFailureException(SettingText.render(e.getMessage(), goal())
                    + (composeFile != null ? " [compose file set by <composeFile>/devstack.composeFile]" : ""));
        } catch (DevstackException e) {
            throw new MojoFailureException(SettingText.render(e.getMessage(), goal()));
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException(e.getMessage() + ": " + e.getCause().getMessage(), e);
        }
    }

    abstract void run(Engine engine) throws MojoFailureException;

    /** Whether the goal talks to the engine (so it may start connecting before it needs to); link and unlink don't. */
    boolean usesEngine() {
        return true;
    }

    /** Where up writes the published ports for tools outside the build (and down removes them). */
    @Parameter(property = "devstack.portsFile", defaultValue = "${project.build.directory}/devstack/ports.properties")
    File portsFile;

    /** The ports file of this project, or of the workspace when the goal acts on one. */
    Path portsPath() {
        return workspace == null ? portsFile.toPath() : Path.of(workspace.root().getBuild().getDirectory(), "devstack",
                "ports.properties");
    }

    void deletePortsFile() {
        try {
            java.nio.file.Files.deleteIfExists(portsPath());
        } catch (java.io.IOException e) {
            getLog().warn("could not remove " + portsPath() + ": " + e.getMessage());
        }
    }

    /** The workspace this goal acts on, or null (set by {@link #execute()} for goals that act on one). */
    Workspace workspace;

    /** Whether this goal, run in a workspace, acts on the whole workspace once. */
    boolean actsOnWorkspace() {
        return false;
    }

    /** What a module's execution still does itself when the workspace's goal runs later (up: its own image). */
    void deferToWorkspace(Engine engine) throws MojoFailureException {
    }

    ComposeRequest composeRequest() {
        if (workspace != null) {
            return workspaceRequest();
        }
        Path dir = basedir.toPath().toAbsolutePath().normalize();
        return new ComposeRequest(dir, ComposeFiles.locate(dir, split(composeFile)), project, System.getenv(),
                split(profiles), includedStacks());
    }

    /** The project's stacks, with the links to checkouts applied; empty when it includes none. */
    List<IncludedStack> includedStacks() {
        Map<String, LinkedCheckout> links = linkedCheckouts();
        if (stacks.isEmpty() && links.isEmpty()) {
            return List.of();
        }
        return stackResolver().resolve(stacks, links);
    }

    /** The workspace's stack: every module's, linked to the module, and nothing of its own. */
    private ComposeRequest workspaceRequest() {
        Path dir = workspace.root().getBasedir().toPath().toAbsolutePath().normalize();
        Map<String, LinkedCheckout> links = new java.util.LinkedHashMap<>();
        workspace.links().forEach((alias, path) -> links.put(alias, checkouts().read(dir, alias, path)));
        return new ComposeRequest(dir, List.of(), project, System.getenv(), split(profiles),
                stackResolver(workspace.root()).resolve(workspace.stacks(), links));
    }

    /** Services to act on: {@code -Ddevstack.services}, else in a workspace those of the modules -pl selected. */
    List<String> selectedServices(java.util.function.Supplier<java.util.Set<String>> all) {
        if (!split(services).isEmpty() || workspace == null || workspace.selected().isEmpty()) {
            return split(services);
        }
        return all.get().stream().filter(s -> workspace.selected().stream().anyMatch(a -> s.startsWith(a + "-")))
                .toList();
    }

    private Map<String, LinkedCheckout> linkedCheckouts;

    /** The project's links, each checkout's POM read once per goal (up reads them to resolve and to build). */
    Map<String, LinkedCheckout> linkedCheckouts() {
        if (linkedCheckouts == null) {
            linkedCheckouts = checkouts().read(basedir.toPath());
        }
        return linkedCheckouts;
    }

    Checkouts checkouts() {
        return new Checkouts(projectBuilder, session, this::stackResolver);
    }

    StackResolver stackResolver() {
        return stackResolver(mavenProject);
    }

    StackResolver stackResolver(MavenProject forProject) {
        return new StackResolver(repositorySystem, repositorySession, remoteRepositories, forProject);
    }

    static List<String> split(String commaSeparated) {
        return commaSeparated == null || commaSeparated.isBlank() ? List.of()
                : Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
