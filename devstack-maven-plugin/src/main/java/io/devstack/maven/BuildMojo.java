package io.devstack.maven;

import io.devstack.core.engine.Engine;
import io.devstack.core.image.ImageBuild;
import io.devstack.core.image.ReplacedImage;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Builds the project's image with layers ordered by how often they change: release dependencies, snapshot
 * dependencies, reactor modules, resources, classes, extra directories. An unchanged project does not call the
 * builder at all; the same inputs give the same image id.
 */
@Mojo(name = "build", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.RUNTIME)
public class BuildMojo extends AbstractImageMojo {
    @Override
    void run(Engine engine) {
        ReplacedImage.removeOrExplain(engine, progress(), new ImageBuild(engine, progress()).run(imageRequest()), null);
    }
}
