package io.devstack.maven;

import io.devstack.core.compose.ComposeFileException;
import io.devstack.core.compose.ComposeFiles;
import io.devstack.core.compose.StackEntry;
import io.devstack.core.publish.LinkedCheckout;
import io.devstack.core.publish.Links;
import io.devstack.core.publish.StackArtifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.model.building.ModelBuildingRequest;
import org.apache.maven.project.DefaultProjectBuildingRequest;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectBuilder;
import org.apache.maven.project.ProjectBuildingException;
import org.apache.maven.project.ProjectBuildingRequest;
import org.codehaus.plexus.util.xml.Xpp3Dom;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The stacks linked to local checkouts — {@code .devstack/links.properties}, then {@code -Ddevstack.link.<alias>} for
 * one run — each read from its checkout's POM (built by Maven, so parents and properties apply) and compose files:
 * its coordinates, its {@code <stacks>} and {@code <exports>}, and the image its {@code devstack:build} makes.
 */
final class Checkouts {
    static final String LINK_PROPERTY = "devstack.link.";
    private final ProjectBuilder builder;
    private final MavenSession session;
    private final StackResolver.Factory resolvers;

    Checkouts(ProjectBuilder builder, MavenSession session, StackResolver.Factory resolvers) {
        this.builder = builder;
        this.session = session;
        this.resolvers = resolvers;
    }

    /** Alias to path as typed: the recorded links, with those given for this run on top. */
    Map<String, String> links(Path project) {
        Map<String, String> links = new LinkedHashMap<>(Links.read(project));
        session.getUserProperties().stringPropertyNames().stream().filter(k -> k.startsWith(LINK_PROPERTY)).sorted()
                .forEach(k -> links.put(k.substring(LINK_PROPERTY.length()), session.getUserProperties()
                        .getProperty(k).strip()));
        return links;
    }

    /** Every link of the project, read from its checkout. */
    Map<String, LinkedCheckout> read(Path project) {
        Map<String, LinkedCheckout> checkouts = new LinkedHashMap<>();
        links(project).forEach((alias, path) -> checkouts.put(alias, read(project, alias, path)));
        return checkouts;
    }

    LinkedCheckout read(Path project, String alias, String path) {
        Path dir = project.resolve(path).toAbsolutePath().normalize();
        String fix = "; link the checkout of the stack: mvn devstack:link -Ddevstack.alias=" + alias
                + " -Ddevstack.path=<checkout>";
        if (!Files.isDirectory(dir)) {
            throw new Links.LinkException("the link of \"" + alias + "\" names " + path + ", which is not a directory ("
                    + dir + ")" + fix);
        }
        if (!Files.isRegularFile(dir.resolve("pom.xml"))) {
            throw new Links.LinkException("the link of \"" + alias + "\" names " + path + ", which is not a Maven "
                    + "project (no pom.xml in " + dir + ")" + fix);
        }
        List<String> composeFiles;
        try {
            composeFiles = ComposeFiles.locate(dir, List.of()).stream().map(f -> dir.relativize(f).toString()).toList();
        } catch (ComposeFileException e) {
            throw new Links.LinkException("the link of \"" + alias + "\" names " + path + ", which is not a devstack "
                    + "project: it has no compose file (" + String.join(", ", ComposeFiles.DEFAULT_NAMES) + ")" + fix);
        }
        MavenProject checkout = project(dir, alias, path);
        Xpp3Dom config = configuration(checkout);
        List<StackEntry> stacks = resolvers.forProject(checkout).entries(stackRefs(config));
        StackArtifact artifact = new StackArtifact(dir, composeFiles, values(config, "exports"), Map.of(), Map.of(),
                stacks, false);
        String coordinates = checkout.getGroupId() + ":" + checkout.getArtifactId() + ":" + checkout.getVersion();
        return new LinkedCheckout(path, coordinates, artifact, ownImage(checkout, config, dir), undo(alias));
    }

    /** How the link of {@code alias} is undone: where it came from decides. */
    private String undo(String alias) {
        return session.getUserProperties().containsKey(LINK_PROPERTY + alias)
                ? "drop -D" + LINK_PROPERTY + alias : "unlink it with mvn devstack:unlink -Ddevstack.alias=" + alias;
    }

    private MavenProject project(Path dir, String alias, String path) {
        ProjectBuildingRequest request = new DefaultProjectBuildingRequest(session.getProjectBuildingRequest());
        request.setResolveDependencies(false);
        request.setProcessPlugins(false);
        request.setValidationLevel(ModelBuildingRequest.VALIDATION_LEVEL_MINIMAL);
        try {
            return builder.build(dir.resolve("pom.xml").toFile(), request).getProject();
        } catch (ProjectBuildingException e) {
            String reason = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw new Links.LinkException("the POM of the checkout " + path + " (linked as \"" + alias + "\") cannot "
                    + "be read: " + reason + "; fix it there, or " + undo(alias));
        }
    }

    /** The devstack plugin's configuration in the checkout's POM, its executions' merged in. */
    private static Xpp3Dom configuration(MavenProject checkout) {
        Xpp3Dom merged = new Xpp3Dom("configuration");
        for (Plugin plugin : checkout.getBuildPlugins()) {
            if ("io.devstack".equals(plugin.getGroupId()) && "devstack-maven-plugin".equals(plugin.getArtifactId())) {
                for (PluginExecution execution : plugin.getExecutions()) {
                    if (execution.getConfiguration() instanceof Xpp3Dom dom) {
                        merged = Xpp3Dom.mergeXpp3Dom(dom, merged);
                    }
                }
                if (plugin.getConfiguration() instanceof Xpp3Dom dom) {
                    merged = Xpp3Dom.mergeXpp3Dom(merged, dom);
                }
            }
        }
        return merged;
    }

    private static List<StackRef> stackRefs(Xpp3Dom config) {
        List<StackRef> refs = new ArrayList<>();
        Xpp3Dom stacks = config.getChild("stacks");
        if (stacks != null) {
            for (Xpp3Dom stack : stacks.getChildren()) {
                StackRef ref = new StackRef();
                ref.coordinates = text(stack, "coordinates");
                ref.alias = text(stack, "alias");
                ref.services = text(stack, "services");
                refs.add(ref);
            }
        }
        return refs;
    }

    private static List<String> values(Xpp3Dom config, String name) {
        Xpp3Dom list = config.getChild(name);
        List<String> values = new ArrayList<>();
        if (list != null) {
            for (Xpp3Dom child : list.getChildren()) {
                values.add(child.getValue().strip());
            }
        }
        return values;
    }

    private static String text(Xpp3Dom parent, String name) {
        Xpp3Dom child = parent.getChild(name);
        return child == null || child.getValue() == null ? null : child.getValue().strip();
    }

    /** What devstack:build makes of the checkout, decided as that goal decides it; null when nothing. */
    private static String ownImage(MavenProject checkout, Xpp3Dom config, Path dir) {
        String template = text(config, "template");
        Path templateFile = template != null ? dir.resolve(template) : dir.resolve("src/main/devstack/Dockerfile.ftl");
        if (text(config, "mainClass") == null && !Files.isRegularFile(templateFile)) {
            return null;
        }
        String image = text(config, "image");
        return image != null && !image.isBlank() ? image
                : (checkout.getArtifactId() + ":" + checkout.getVersion()).toLowerCase(Locale.ROOT);
    }
}
