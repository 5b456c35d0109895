package io.devstack.core.publish;

import io.devstack.core.DevstackException;
import io.devstack.core.compose.IncludedStack;
import io.devstack.core.compose.StackEntry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stacks a project includes, with the stacks each of them includes (named in its manifest), unpacked under
 * {@code <stacksDir>/<alias>}. A stack is known by groupId:artifactId: reached by two paths it is one stack, run once,
 * under the project's own alias for it if it has one, else the first alias that reaches it. Two versions of one
 * stack, a cycle, or two stacks under one alias fail here, naming the paths, before anything starts.
 */
public final class StackGraph {
    /** Where artifacts come from: Maven's resolver in a build, anything in a test. */
    public interface Artifacts {
        /** The stack artifact (zip) of {@code coordinates}. */
        Path stack(String coordinates);

        /** The image archive its provider published with it. */
        Path images(String coordinates);
    }

    private final Artifacts artifacts;
    private final Path stacksDir;
    private final String root;
    private final Map<String, LinkedCheckout> links;
    private final Map<String, Reached> reached = new LinkedHashMap<>();
    private final Map<String, String> aliasOwners = new LinkedHashMap<>();
    private final Map<String, IncludedStack> built = new LinkedHashMap<>();

    /** A stack as first reached: the entry and path that reached it, its artifact, and what is wanted of it. */
    private static final class Reached {
        final StackEntry entry;
        final String path;
        final StackArtifact artifact;
        final LinkedCheckout link;
        final Set<String> services = new LinkedHashSet<>();
        boolean allServices;

        Reached(StackEntry entry, String path, StackArtifact artifact, LinkedCheckout link) {
            this.entry = entry;
            this.path = path;
            this.artifact = artifact;
            this.link = link;
        }

        void want(List<String> wanted) {
            allServices |= wanted.isEmpty();
            services.addAll(wanted);
        }
    }

    /**
     * {@code root}: the including project's groupId:artifactId, the start of every path; {@code links}: the stacks,
     * by alias in this project, that come from checkouts instead of artifacts.
     */
    public StackGraph(Artifacts artifacts, Path stacksDir, String root, Map<String, LinkedCheckout> links) {
        this.artifacts = artifacts;
        this.stacksDir = stacksDir;
        this.root = root;
        this.links = links;
    }

    /** The project's direct stacks, each with the stacks it includes, resolved and unpacked. */
    public List<IncludedStack> resolve(List<StackEntry> direct) {
        // the project's own aliases win over those a provider gave the same stack
        direct.forEach(e -> aliasOwners.put(e.alias(), identity(e)));
        for (StackEntry entry : direct) {
            visit(entry, entry.alias(), List.of(root));
        }
        for (Map.Entry<String, LinkedCheckout> link : links.entrySet()) {
            if (!aliasOwners.containsKey(link.getKey()) || !reached.containsKey(aliasOwners.get(link.getKey()))) {
                throw new Links.LinkException("the link of \"" + link.getKey() + "\" (" + link.getValue().path()
                        + ") names no stack this project includes; its stacks: " + String.join(", ", reachedAliases())
                        + "; " + link.getValue().undo());
            }
        }
        return direct.stream().map(e -> build(identity(e))).toList();
    }

    private void visit(StackEntry entry, String alias, List<String> path) {
        String identity = identity(entry);
        List<String> here = new ArrayList<>(path);
        here.add(entry.coordinates());
        if (path.stream().anyMatch(p -> p.equals(identity) || p.startsWith(identity + ":"))) {
            throw new StackGraphException("stacks include each other in a cycle: " + String.join(" → ", here)
                    + "; remove the <stack> that closes it");
        }
        Reached known = reached.get(identity);
        if (known != null) {
            // a linked checkout stands in for every version: the developer chose it
            if (!known.entry.coordinates().equals(entry.coordinates()) && known.link == null) {
                throw new StackGraphException("stack " + identity + " is reached in two versions: " + known.path
                        + " and " + String.join(" → ", here) + "; make both use one version (a stack runs once)");
            }
            known.want(entry.services());
            return;
        }
        String owner = aliasOwners.putIfAbsent(alias, identity);
        if (owner != null && !owner.equals(identity)) {
            throw new StackGraphException("two stacks would be named \"" + alias + "\": " + owner + " and "
                    + String.join(" → ", here) + "; include " + identity + " in this project's <stacks> under "
                    + "another <alias>");
        }
        LinkedCheckout link = links.get(alias);
        if (link != null && !identity(link.coordinates()).equals(identity)) {
            throw new Links.LinkException("the checkout " + link.path() + " linked as \"" + alias + "\" is "
                    + link.coordinates() + ", not " + identity + " (" + String.join(" → ", here) + "); link the "
                    + "checkout of " + identity + ", or " + link.undo());
        }
        StackArtifact artifact = link != null ? link.artifact()
                : StackArtifacts.unpack(artifacts.stack(entry.coordinates()), stacksDir.resolve(alias),
                entry.coordinates());
        Reached reach = new Reached(entry, String.join(" → ", here), artifact, link);
        reach.want(entry.services());
        reached.put(identity, reach);
        for (StackEntry child : artifact.stacks()) {
            visit(child, aliasOf(identity(child)).orElse(child.alias()), here);
        }
    }

    private List<String> reachedAliases() {
        return reached.keySet().stream().map(id -> aliasOf(id).orElse(id)).toList();
    }

    private java.util.Optional<String> aliasOf(String identity) {
        return aliasOwners.entrySet().stream().filter(e -> e.getValue().equals(identity)).map(Map.Entry::getKey)
                .findFirst();
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
        Path images = artifact.imagesArtifact() && reach.link == null ? artifacts.images(reach.entry.coordinates())
                : null;
        IncludedStack stack = new IncludedStack(aliasOf(identity).orElseThrow(), reach.entry.coordinates(),
                artifact.directory(), artifact.composeFiles(), reach.allServices ? List.of()
                : List.copyOf(reach.services), artifact.exports(), artifact.builtImages(), artifact.imageIds(), images,
                includes, reach.link == null ? null : reach.link.path());
        built.put(identity, stack);
        return stack;
    }

    private static String identity(StackEntry entry) {
        return identity(entry.coordinates());
    }

    private static String identity(String coordinates) {
        String[] parts = coordinates.split(":");
        return parts[0] + ":" + parts[1];
    }

    /** Stacks that cannot be brought in together. */
    public static final class StackGraphException extends DevstackException {
        StackGraphException(String message) {
            super(message);
        }
    }
}
