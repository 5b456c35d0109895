package io.devstack.maven;

import io.devstack.core.engine.Engine;
import io.devstack.core.image.BaseImage;
import io.devstack.core.image.ImageBuild;
import io.devstack.core.image.CreationTime;
import io.devstack.core.image.GitRevision;
import io.devstack.core.image.ImageBuildRequest;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Parameters of the project image, shared by {@code build} and {@code up} (which builds it first when configured). */
abstract class AbstractImageMojo extends AbstractDataMojo {

    /** Image name; default {@code <artifactId>:<version>}. */
    @Parameter(property = "devstack.image")
    String image;

    /** Image the app runs on; default: DEVSTACK_BASE_IMAGE from the environment or .env, else eclipse-temurin:17-jre. */
    @Parameter(property = "devstack.baseImage")
    String baseImage;

    /** Main class the image runs; {@code build} needs it unless a template says otherwise. */
    @Parameter(property = "devstack.mainClass")
    String mainClass;

    /** Dockerfile template (FreeMarker); used when it exists, else devstack's default. */
    @Parameter(property = "devstack.template", defaultValue = "${project.basedir}/src/main/devstack/Dockerfile.ftl")
    File template;

    /** Directories copied into their own top layers at {@code /app/<name>/}. */
    @Parameter
    List<File> extraDirectories = List.of();

    /** User the app runs as (not root). */
    @Parameter(property = "devstack.user", defaultValue = "1000:1000")
    String user;

    /** JVM flags before the main class. */
    @Parameter
    List<String> jvmFlags = List.of();

    /**
     * The image's creation time: {@code EPOCH} (fixed, the default: same inputs, same image id), {@code COMMIT} (the
     * checked-out commit's time), {@code USE_CURRENT_TIMESTAMP}, or an ISO-8601 time.
     */
    @Parameter(property = "devstack.creationTime", defaultValue = "EPOCH")
    String creationTime;

    /** Ports the image exposes. */
    @Parameter
    List<String> expose = List.of();



    /** Dependencies Spring Boot itself leaves out of a packaged app: they restart it or start compose from inside. */
    static final Set<String> DEVELOPMENT_ONLY = Set.of("org.springframework.boot:spring-boot-devtools",
            "org.springframework.boot:spring-boot-docker-compose");

    ImageBuildRequest imageRequest() {
        Set<String> reactor = session.getProjects().stream().map(p -> p.getGroupId() + ":" + p.getArtifactId())
                .collect(Collectors.toSet());
        List<ImageBuildRequest.Dependency> dependencies = new ArrayList<>();
        for (Artifact artifact : mavenProject.getArtifacts()) {
            if (artifact.getFile() == null || !artifact.getArtifactHandler().isAddedToClasspath()
                    || !Set.of(Artifact.SCOPE_COMPILE, Artifact.SCOPE_RUNTIME).contains(artifact.getScope())) {
                continue;
            }
            if (artifact.isOptional() || DEVELOPMENT_ONLY.contains(artifact.getGroupId() + ":"
                    + artifact.getArtifactId())) {
                // as Spring Boot's own packaging does: what only a developer's machine wants stays out of the image
                getLog().info("left out of the image: " + artifact.getGroupId() + ":" + artifact.getArtifactId()
                        + (artifact.isOptional() ? " (<optional>)" : " (development only)"));
                continue;
            }
            ImageBuildRequest.Kind kind = reactor.contains(artifact.getGroupId() + ":" + artifact.getArtifactId())
                    ? ImageBuildRequest.Kind.MODULE
                    : artifact.isSnapshot() ? ImageBuildRequest.Kind.SNAPSHOT : ImageBuildRequest.Kind.RELEASE;
            dependencies.add(new ImageBuildRequest.Dependency(artifact.getFile().toPath(), kind));
        }
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("org.opencontainers.image.title", mavenProject.getArtifactId());
        labels.put("org.opencontainers.image.version", mavenProject.getVersion());
        GitRevision.of(basedir.toPath()).ifPresent(rev -> labels.put("org.opencontainers.image.revision", rev));
        String source = mavenProject.getScm() != null && mavenProject.getScm().getUrl() != null
                ? mavenProject.getScm().getUrl() : mavenProject.getUrl();
        if (source != null) {
            labels.put("org.opencontainers.image.source", source);
        }
        Path build = Path.of(mavenProject.getBuild().getDirectory());
        return new ImageBuildRequest(basedir.toPath(), build.resolve("devstack"), imageName(),
                BaseImage.choose(baseImage, System.getenv(), basedir.toPath()),
                template != null && template.isFile() ? template.toPath() : null, mainClass(),
                Path.of(mavenProject.getBuild().getOutputDirectory()), dependencies,
                extraDirectories.stream().map(File::toPath).toList(), user, jvmFlags, expose, labels,
                CreationTime.of(creationTime, basedir.toPath()));
    }

    /**
     * The main class as Jib finds it: {@code <mainClass>}, else the maven-jar-plugin manifest's, else
     * spring-boot-maven-plugin's {@code <mainClass>} or the {@code start-class} property; null lets devstack:build
     * scan the classes for the one with a main method.
     */
    String mainClass() {
        if (mainClass != null && !mainClass.isBlank()) {
            return mainClass.strip();
        }
        String fromJar = pluginValue("org.apache.maven.plugins:maven-jar-plugin", "archive", "manifest", "mainClass");
        if (fromJar != null) {
            return fromJar;
        }
        String fromBoot = pluginValue("org.springframework.boot:spring-boot-maven-plugin", "mainClass");
        if (fromBoot != null) {
            return fromBoot;
        }
        String startClass = mavenProject.getProperties().getProperty("start-class");
        return startClass == null || startClass.isBlank() ? null : startClass.strip();
    }

    /** A value of a build plugin's configuration, at the path of elements given; null when not there. */
    private String pluginValue(String plugin, String... path) {
        org.apache.maven.model.Plugin found = mavenProject.getBuild().getPluginsAsMap().get(plugin);
        if (found == null || !(found.getConfiguration() instanceof org.codehaus.plexus.util.xml.Xpp3Dom dom)) {
            return null;
        }
        for (String element : path) {
            dom = dom.getChild(element);
            if (dom == null) {
                return null;
            }
        }
        String value = dom.getValue();
        return value == null || value.isBlank() || value.contains("${") ? null : value.strip();
    }

    String imageName() {
        return image != null && !image.isBlank() ? image
                : (mavenProject.getArtifactId() + ":" + mavenProject.getVersion()).toLowerCase(Locale.ROOT);
    }
}
