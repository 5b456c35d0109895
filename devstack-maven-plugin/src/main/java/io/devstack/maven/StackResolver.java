package io.devstack.maven;

import io.devstack.core.DevstackException;
import io.devstack.core.compose.IncludedStack;
import io.devstack.core.publish.StackArtifacts;
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
import java.util.Set;

/**
 * Resolves {@code <stacks>} through Maven's own resolver — the build's repositories, mirrors, credentials and offline
 * mode — and unpacks each artifact under {@code target/devstack/stacks/<alias>}. A stack that cannot be resolved
 * fails here, naming its coordinates, before anything starts.
 */
final class StackResolver {
    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;
    private final MavenProject project;

    StackResolver(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories,
                  MavenProject project) {
        this.system = system;
        this.session = session;
        this.repositories = repositories;
        this.project = project;
    }

    List<IncludedStack> resolve(List<StackRef> stacks) {
        List<IncludedStack> included = new ArrayList<>();
        Set<String> aliases = new LinkedHashSet<>();
        for (StackRef stack : stacks) {
            String[] parts = stack.coordinates == null ? new String[0] : stack.coordinates.strip().split(":");
            if (parts.length < 2 || parts.length > 3) {
                throw new StackException("<stacks><stack><coordinates>" + stack.coordinates + "</coordinates> must be "
                        + "groupId:artifactId:version (or groupId:artifactId with the version in dependencyManagement)");
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
            Path zip = artifact(parts[0], parts[1], version, coordinates);
            Path dir = Path.of(project.getBuild().getDirectory(), "devstack", "stacks", alias);
            included.add(StackArtifacts.unpack(zip, dir, alias, coordinates,
                    AbstractDevstackMojo.split(stack.services)));
        }
        return included;
    }

    private Path artifact(String groupId, String artifactId, String version, String coordinates) {
        DefaultArtifact artifact = new DefaultArtifact(groupId, artifactId, PackageMojo.CLASSIFIER, "zip", version);
        try {
            return system.resolveArtifact(session, new ArtifactRequest(artifact, repositories, null)).getArtifact()
                    .getFile().toPath();
        } catch (ArtifactResolutionException e) {
            throw new StackException("<stack> " + coordinates + ": its stack artifact " + artifact + " is in no "
                    + "repository this build uses" + (session.isOffline() ? " (offline: the local repository only)" : "")
                    + "; install it from the provider with mvn install (devstack:package), or fix <coordinates>");
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
