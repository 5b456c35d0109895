package io.devstack.core.image;

import io.devstack.core.Progress;
import io.devstack.core.engine.ContainerInfo;
import io.devstack.core.engine.Engine;
import io.devstack.core.project.Labels;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The image a rebuild took its tag from: removed once nothing uses it, so rebuilds leave no dangling images. One
 * that containers of another compose project still run means two checkouts build the same tag (two worktrees of one
 * version, say): each build takes the tag from the other, so the warning says how to give one a name of its own.
 */
public final class ReplacedImage {
    private ReplacedImage() {
    }

    /** {@code project}: the stack that just moved to the new image, or null when none did (a plain build). */
    public static void removeOrExplain(Engine engine, Progress progress, ImageBuild.Result result, String project) {
        if (result == null || result.replacedId() == null) {
            return;
        }
        String old = result.replacedId().replaceFirst("^sha256:", "").substring(0, 12);
        if (engine.removeImage(result.replacedId())) {
            progress.info("removed the image " + result.image() + " was before (" + old + "), which nothing uses");
            return;
        }
        List<String> users = engine.containers(Map.of()).stream()
                .filter(c -> result.replacedId().equals(c.imageId()))
                .map(ContainerInfo::labels).map(labels -> labels.get(Labels.PROJECT)).filter(Objects::nonNull)
                .distinct().sorted().toList();
        List<String> others = users.stream().filter(p -> !p.equals(project)).toList();
        if (project != null && !others.isEmpty()) {
            progress.warn(result.image() + " was until now the image of stack " + String.join(", ", others)
                    + ", which still runs it (" + old + "): another checkout builds the same tag, so each build takes "
                    + "it from the other. Give one checkout a name of its own: DEVSTACK_APP_IMAGE in its .env (as the "
                    + "compose file reads it) and -Ddevstack.image, or <image> in its pom.xml");
        } else if (!users.isEmpty()) {
            progress.info("the image " + result.image() + " was before (" + old + ") stays: stack "
                    + String.join(", ", users) + " still runs it until its next mvn devstack:up");
        }
    }
}
