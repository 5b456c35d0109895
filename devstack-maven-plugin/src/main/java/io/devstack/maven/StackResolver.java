package io.devstack.maven;

import io.devstack.core.DevstackException;
import io.devstack.core.compose.IncludedStack;
import io.devstack.core.compose.StackEntry;
import io.devstack.core.publish.LinkedCheckout;
import io.devstack.core.publish.StackGraph;
import org.apache.maven.model.Dependency;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code <stacks>} and resolves their artifacts through Maven's own resolver — the build's repositories,
 * mirrors, credentials and offline mode; {@link StackGraph} follows the stacks they include and unpacks them under
 * {@code target/devstack/stacks/<alias>}. An artifact no repository has fails here, naming its coordinates.
 */
final class StackResolver {
    static final String IMAGES_CLASSIFIER = "devstack-images";
    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;
    private final MavenProject project;

    /** A resolver for another project's {@code <stacks>} (a linked checkout's, whose dependencyManagement applies). */
    interface Factory {
        StackResolver forProject(MavenProject project);
    }

    StackResolver(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories,
                  MavenProject project) {
        this.system = system;
        this.session = session;
        this.repositories = repositories;
        this.project = project;
    }

    /** The project's {@code <stacks>} as declared, with versions from dependencyManagement filled in. */
    List<StackEntry> entries(List<StackRef> stacks) {
        List<StackEntry> entries = new ArrayList<>();
        Set<String> aliases = new LinkedHashSet<>();
        for (StackRef stack : stacks) {
            String[] parts = stack.coordinates == null ? new String[0] : stack.coordinates.strip().split(":");
            if (parts.length < 2 || parts.length > 3) {
                throw new StackException("<stacks><stack><coordinates>" + stack.coordinates + "</coordinates> must be "
                        + "groupId:artifactId:version (or groupId:artifactId with the version in dependencyManagement)");
            }
            if (parts.length == 2 && parts[1].matches("\\d.*")) {
                throw new StackException("<stacks><stack><coordinates>" + stack.coordinates + "</coordinates>: \""
                        + parts[1] + "\" looks like a version, not an artifactId; write groupId:artifactId:version "
                        + "(is a ':' missing between the groupId and the artifactId?)");
            }
            String version = parts.length == 3 ? parts[2] : managedVersion(parts[0], parts[1]);
            String coordinates = parts[0] + ":" + parts[1] + ":" + version;
            String alias = stack.alias != null && !stack.alias.isBlank() ? stack.alias.strip()
                    : parts[1].toLowerCase(Locale.ROOT);
            if (!alias.matches("[a-z0-9][a-z0-9_-]*")) {
                throw new StackException("<stack> " + coordinates + ": alias \"" + alias + "\" may use lower-case "
                        + "letters, digits, '_' and '-' only; set <alias>");
            }
            if (!aliases.add(alias)) {
                throw new StackException("two <stack> entries use the alias \"" + alias + "\"; give one an <alias>");
            }
            entries.add(new StackEntry(coordinates, alias, AbstractDevstackMojo.split(stack.services)));
        }
        return entries;
    }

    /** The project's direct stacks, each with the stacks it includes, resolved and unpacked. */
    List<IncludedStack> resolve(List<StackRef> stacks, Map<String, LinkedCheckout> links) {
        StackGraph.Artifacts fromRepositories = new StackGraph.Artifacts() {
            @Override
            public Path stack(String coordinates) {
                return artifact(coordinates.split(":"), "zip", PackageMojo.CLASSIFIER, coordinates);
            }

            @Override
            public Path images(String coordinates) {
                return artifact(coordinates.split(":"), "tar", IMAGES_CLASSIFIER, coordinates);
            }
        };
        return new StackGraph(fromRepositories, Path.of(project.getBuild().getDirectory(), "devstack", "stacks"),
                project.getGroupId() + ":" + project.getArtifactId(), links).resolve(entries(stacks));
    }

    private Path artifact(String[] gav, String type, String classifier, String coordinates) {
        DefaultArtifact artifact = new DefaultArtifact(gav[0], gav[1], classifier, type, gav[2]);
        try {
            return system.resolveArtifact(session, new ArtifactRequest(artifact, repositories, null)).getArtifact()
                    .getFile().toPath();
        } catch (ArtifactResolutionException e) {
            throw new StackException("<stack> " + coordinates + ": its " + (type.equals("zip") ? "stack" : "image")
                    + " artifact " + artifact + " is in no repository this build uses"
                    + (session.isOffline() ? " (offline: the local repository only)" : "")
                    + "; install it from the provider with mvn install (devstack:package"
                    + (type.equals("zip") ? "" : " with <packageImages>true</packageImages>") + "), or fix <coordinates>");
        }
    }

    private String managedVersion(String groupId, String artifactId) {
        if (project.getDependencyManagement() != null) {
            for (Dependency d : project.getDependencyManagement().getDependencies()) {
                if (d.getGroupId().equals(groupId) && d.getArtifactId().equals(artifactId) && d.getVersion() != null) {
                    return d.getVersion();
                }
            }
        }
        throw new StackException("<stack> " + groupId + ":" + artifactId + " has no version, and dependencyManagement "
                + "has none for it; write groupId:artifactId:version");
    }

    /** A {@code <stacks>} entry that cannot be brought in. */
    static final class StackException extends DevstackException {
        StackException(String message) {
            super(message);
        }
    }
}
