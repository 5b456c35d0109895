package io.devstack.maven;

import io.devstack.core.compose.ComposeFileException;
import io.devstack.core.compose.ComposeRequest;
import io.devstack.core.compose.ComposeFiles;
import io.devstack.core.engine.Engine;
import io.devstack.core.publish.PackageRequest;
import io.devstack.core.publish.StackPackager;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;

import java.nio.file.Path;
import java.util.List;

/**
 * Packages the project's stack — compose files and what they need inside the project, dumps, provision scripts and a
 * manifest — as {@code <artifactId>-<version>-devstack.zip} (type {@code zip}, classifier {@code devstack}), attached
 * to the build so {@code install} and {@code deploy} publish it like any artifact. Reproducible: the same inputs give
 * the same bytes. Refuses what cannot travel (a bind mount or build context outside the project).
 */
@Mojo(name = "package", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true, requiresProject = true)
public class PackageMojo extends AbstractImageMojo {
    static final String CLASSIFIER = "devstack";

    /** Services other stacks may use (their dependencies come along); default: all of them. */
    @Parameter
    List<String> exports = List.of();

    /**
     * Also attach the images the project builds itself (its devstack:build image, compose build: services) as one
     * image archive, classifier {@code devstack-images} (type tar), which a consumer loads when it lacks them: images
     * without a registry. Build them before this goal runs.
     */
    @Parameter(property = "devstack.packageImages", defaultValue = "false")
    boolean packageImages;

    /** Skip this goal only (a linked checkout's build inside a consumer's up skips it: nothing is published). */
    @Parameter(property = "devstack.package.skip", defaultValue = "false")
    boolean skipPackage;

    @Component
    MavenProjectHelper projectHelper;

    @Override
    void run(Engine engine) {
        if (skipPackage) {
            getLog().info("devstack:package is skipped (devstack.package.skip=true)");
            return;
        }
        ComposeRequest compose;
        try {
            compose = composeRequest();
        } catch (ComposeFileException noComposeFile) {
            if (composeFile != null) {
                throw noComposeFile;
            }
            getLog().info("no compose file in " + basedir + ": there is no stack to package");
            return;
        }
        if (composeFile == null) {
            compose = withoutLocalOverride(compose);
        }
        Path output = Path.of(mavenProject.getBuild().getDirectory(),
                mavenProject.getArtifactId() + "-" + mavenProject.getVersion() + "-" + CLASSIFIER + ".zip");
        String coordinates = mavenProject.getGroupId() + ":" + mavenProject.getArtifactId() + ":"
                + mavenProject.getVersion();
        boolean buildsImage = mainClass != null || (template != null && template.isFile());
        Path images = packageImages ? Path.of(mavenProject.getBuild().getDirectory(), mavenProject.getArtifactId()
                + "-" + mavenProject.getVersion() + "-" + StackResolver.IMAGES_CLASSIFIER + ".tar") : null;
        PackageRequest request = new PackageRequest(compose, dumpsDir(), provisionDir(), coordinates, exports,
                stackResolver().entries(stacks), buildsImage ? imageName() : null, output, images);
        new StackPackager(engine, progress()).run(request);
        projectHelper.attachArtifact(mavenProject, "zip", CLASSIFIER, output.toFile());
        if (images != null) {
            projectHelper.attachArtifact(mavenProject, "tar", StackResolver.IMAGES_CLASSIFIER, images.toFile());
        }
    }

    /**
     * The override file the compose CLI finds by itself holds this checkout's own changes (local images, pinned
     * ports): it stays out of the artifact, as it stays out of other machines. Naming it in {@code <composeFile>}
     * publishes it.
     */
    private ComposeRequest withoutLocalOverride(ComposeRequest compose) {
        List<Path> files = compose.files().stream().filter(f -> !ComposeFiles.OVERRIDE_NAMES.contains(f.getFileName()
                .toString())).toList();
        if (files.size() < compose.files().size()) {
            getLog().info(compose.files().get(compose.files().size() - 1).getFileName() + " is this checkout's local "
                    + "override and stays out of the stack artifact (name it in <composeFile> to publish it)");
        }
        return new ComposeRequest(compose.workingDir(), files, compose.projectName(), compose.environment(),
                compose.profiles(), compose.includes());
    }
}
