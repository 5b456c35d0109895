package io.devstack.core.project;

import io.devstack.core.stack.Stack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Labels on everything devstack creates. The compose labels make {@code docker compose ps/logs/down} treat
 * our objects as theirs; {@code io.devstack.project} marks what devstack made.
 */
public final class Labels {
    public static final String PROJECT = "com.docker.compose.project";
    public static final String SERVICE = "com.docker.compose.service";
    public static final String ONEOFF = "com.docker.compose.oneoff";
    public static final String NUMBER = "com.docker.compose.container-number";
    public static final String CONFIG_HASH = "com.docker.compose.config-hash";
    public static final String WORKING_DIR = "com.docker.compose.project.working_dir";
    public static final String CONFIG_FILES = "com.docker.compose.project.config_files";
    public static final String NETWORK = "com.docker.compose.network";
    public static final String VOLUME = "com.docker.compose.volume";
    public static final String DEVSTACK_PROJECT = "io.devstack.project";
    /** On the images devstack:build makes: the digest of their inputs (so an unchanged project builds nothing). */
    public static final String IMAGE_INPUTS = "io.devstack.inputs";

    private Labels() {
    }

    public static Map<String, String> project(String project) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(PROJECT, project);
        labels.put(DEVSTACK_PROJECT, project);
        return labels;
    }

    public static Map<String, String> service(Stack stack, String service) {
        Map<String, String> labels = project(stack.project());
        labels.put(SERVICE, service);
        labels.put(ONEOFF, "False");
        labels.put(NUMBER, "1");
        labels.put(WORKING_DIR, stack.workingDir().toString());
        labels.put(CONFIG_FILES, String.join(",", stack.composeFiles().stream().map(Object::toString).toList()));
        return labels;
    }

    /** Filter for the containers of one project (and optionally one service), whoever created them. */
    public static Map<String, String> filter(String project, String service) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(PROJECT, project);
        if (service != null) {
            labels.put(SERVICE, service);
        }
        return labels;
    }
}
