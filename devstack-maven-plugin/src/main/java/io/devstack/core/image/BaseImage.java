package io.devstack.core.image;

import io.devstack.core.compose.EnvFile;

import java.nio.file.Path;
import java.util.Map;

/**
 * The image the app's image starts from: {@code <baseImage>} (or -Ddevstack.baseImage) when set, else
 * {@code DEVSTACK_BASE_IMAGE} from the environment, else from the project's {@code .env} (where the other image
 * choices live), else a Java 17 JRE.
 */
public final class BaseImage {
    public static final String VARIABLE = "DEVSTACK_BASE_IMAGE";
    public static final String DEFAULT = "eclipse-temurin:17-jre";

    private BaseImage() {
    }

    public static String choose(String configured, Map<String, String> environment, Path projectDir) {
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        String fromEnvironment = environment.get(VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.strip();
        }
        String fromDotEnv = EnvFile.read(projectDir.resolve(".env")).get(VARIABLE);
        return fromDotEnv != null && !fromDotEnv.isBlank() ? fromDotEnv.strip() : DEFAULT;
    }
}
