package io.devstack.maven;

import io.devstack.core.DevstackException;
import io.devstack.core.compose.IncludedStack;
import io.devstack.core.compose.StackEntry;
import io.devstack.core.publish.StackArtifact;
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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Resolves {@code <stacks>} through Maven's own resolver — the build's repositories, mirrors, credentials and offline
 * mode — and unpacks each artifact under {@code target/devstack/stacks/<alias>}, with the stacks each one includes
 * itself (named in its manifest). A stack reached by two paths is resolved once; two versions of one stack, a cycle,
 * two stacks under one alias, or an artifact no repository has fail here, naming the paths, before anything starts.
 */
final class StackResolver {
    static final String IMAGES_CLASSIFIER = "devstack-images";
    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;
    private final MavenProject project;
    private final Map<String, Reached> reached = new LinkedHashMap<>();
    private final Map<String, String> aliasOwners = new LinkedHashMap<>();
    private final Map<String, IncludedStack> built = new LinkedHashMap<>();

    /** A stack as first reached: its version, the path to it, its unpacked artifact, and what is wanted of it. */
    private static final class Reached {
        final StackEntry entry;
        final String path;
        final StackArtifact artifact;
        final Set<String> services = new LinkedHashSet<>();
        boolean allServices;

        Reached(StackEntry entry, String path, StackArtifact artifact) {
            this.entry = entry;
            this.path = path;
            this.artifact = artifact;
        }

        void want(List<String> wanted) {
            allServices |= wanted.isEmpty();
            services.addAll(wanted);
        }
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
    List<IncludedStack> resolve(List<StackRef> stacks) {
        List<StackEntry> direct = entries(stacks);
        // the project's own aliases win over those a provider gave the same stack
        direct.forEach(e -> aliasOwners.put(e.alias(), identity(e)));
        String root = project.getGroupId() + ":" + project.getArtifactId();
        for (StackEntry entry : direct) {
            visit(entry, entry.alias(), List.of(root));
        }
        return direct.stream().map(e -> build(identity(e))).toList();
    }

    private void visit(StackEntry entry, String alias, List<String> path) {
        String identity = identity(entry);
        List<String> here = new ArrayList<>(path);
        here.add(entry.coordinates());
        if (path.stream().anyMatch(p -> p.equals(identity) || p.startsWith(identity + ":"))) {
            throw new StackException("stacks include each other in a cycle: " + String.join(" → ", here)
                    + "; remove the <stack> that closes it");
        }
        Reached known = reached.get(identity);
        if (known != null) {
            if (!known.entry.coordinates().equals(entry.coordinates())) {
                throw new StackException("stack " + identity + " is reached in two versions: " + known.path + " and "
                        + String.join(" → ", here) + "; make both use one version (a stack runs once)");
            }
            known.want(entry.services());
            return;
        }
        String owner = aliasOwners.putIfAbsent(alias, identity);
        if (owner != null && !owner.equals(identity)) {
            throw new StackException("two stacks would be named \"" + alias + "\": " + owner + " and "
                    + String.join(" → ", here) + "; include " + identity + " in this project's <stacks> under "
                    + "another <alias>");
        }
        String[] parts = entry.coordinates().split(":");
        Path zip = artifact(parts, "zip", PackageMojo.CLASSIFIER, entry.coordinates());
        Path dir = Path.of(project.getBuild().getDirectory(), "devstack", "stacks", alias);
        StackArtifact artifact = StackArtifacts.unpack(zip, dir, entry.coordinates());
        Reached reach = new Reached(entry, String.join(" → ", here), artifact);
        reach.want(entry.services());
        reached.put(identity, reach);
        for (StackEntry child : artifact.stacks()) {
            String childAlias = aliasOwners.entrySet().stream().filter(e -> e.getValue().equals(identity(child)))
                    .map(Map.Entry::getKey).findFirst().orElse(child.alias());
            visit(child, childAlias, here);
        }
    }

    private IncludedStack build(String identity) {
        IncludedStack done = built.get(identity);
        if (done != null) {
            return done;
        }
        Reached reach = reached.get(identity);
        StackArtifact artifact = reach.artifact;
        Map<String, IncludedStack> includes = new LinkedHashMap<>();
        artifact.stacks().forEach(child -> includes.put(child.alias(), build(identity(child))));
        String[] parts = reach.entry.coordinates().split(":");
        Path images = artifact.imagesArtifact()
                ? artifact(parts, "tar", IMAGES_CLASSIFIER, reach.entry.coordinates()) : null;
        String alias = aliasOwners.entrySet().stream().filter(e -> e.getValue().equals(identity))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        IncludedStack stack = new IncludedStack(alias, reach.entry.coordinates(), artifact.directory(),
                artifact.composeFiles(), reach.allServices ? List.of() : List.copyOf(reach.services),
                artifact.exports(), artifact.builtImages(), images, includes);
        built.put(identity, stack);
        return stack;
    }

    private static String identity(StackEntry entry) {
        String[] parts = entry.coordinates().split(":");
        return parts[0] + ":" + parts[1];
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
