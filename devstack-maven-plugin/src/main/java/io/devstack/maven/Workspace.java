package io.devstack.maven;

import io.devstack.core.compose.ComposeFiles;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A workspace: an aggregator POM at the root of the build, with no compose file of its own, whose modules are
 * service repositories with stacks. Its stack is every module's stack, each linked to its module and named by its
 * artifactId, so a stack one module includes from another runs once, from that module. Goals that act on it run
 * once, in the last project of the reactor, after every module was built.
 */
final class Workspace {
    private final MavenProject root;
    private final List<MavenProject> modules;
    private final MavenSession session;

    private Workspace(MavenProject root, List<MavenProject> modules, MavenSession session) {
        this.root = root;
        this.modules = modules;
        this.session = session;
    }

    /** The workspace this build runs in, or null. */
    static Workspace detect(MavenSession session) {
        if (session == null || session.getAllProjects() == null || session.getExecutionRootDirectory() == null) {
            return null;
        }
        File rootDir = new File(session.getExecutionRootDirectory());
        MavenProject root = session.getAllProjects().stream().filter(p -> rootDir.equals(p.getBasedir())).findFirst()
                .orElse(null);
        if (root == null || root.getModules().isEmpty() || hasComposeFile(root)) {
            return null;
        }
        List<MavenProject> modules = session.getAllProjects().stream().filter(p -> p != root)
                .filter(Workspace::hasComposeFile).toList();
        return modules.isEmpty() ? null : new Workspace(root, modules, session);
    }

    private static boolean hasComposeFile(MavenProject project) {
        return ComposeFiles.DEFAULT_NAMES.stream().anyMatch(n -> Files.isRegularFile(project.getBasedir().toPath()
                .resolve(n)));
    }

    MavenProject root() {
        return root;
    }

    /** Whether {@code project} runs the workspace's goal: the last of the reactor, when every module is built. */
    boolean runsIn(MavenProject project) {
        List<MavenProject> projects = session.getProjects();
        return projects.get(projects.size() - 1) == project;
    }

    /** Each module's stack, by its coordinates, under its artifactId. */
    List<StackRef> stacks() {
        return modules.stream().map(m -> {
            StackRef ref = new StackRef();
            ref.coordinates = m.getGroupId() + ":" + m.getArtifactId() + ":" + m.getVersion();
            ref.alias = alias(m);
            return ref;
        }).toList();
    }

    /** Each module's link: alias to its directory, relative to the workspace. */
    Map<String, String> links() {
        Map<String, String> links = new LinkedHashMap<>();
        Path dir = root.getBasedir().toPath();
        modules.forEach(m -> links.put(alias(m), dir.relativize(m.getBasedir().toPath()).toString()));
        return links;
    }

    /** The aliases of the modules this build selected (all of them unless -pl left the root out). */
    List<String> selected() {
        if (session.getProjects().contains(root)) {
            return List.of();
        }
        return modules.stream().filter(session.getProjects()::contains).map(Workspace::alias).toList();
    }

    private static String alias(MavenProject module) {
        return module.getArtifactId().toLowerCase(Locale.ROOT);
    }
}
