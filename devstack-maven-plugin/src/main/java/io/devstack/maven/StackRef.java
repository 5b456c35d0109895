package io.devstack.maven;

/**
 * One {@code <stack>} of {@code <stacks>}: another repository's stack, brought in by the coordinates of its
 * {@code devstack:package} artifact ({@code groupId:artifactId:version}, or {@code groupId:artifactId} with the
 * version from dependencyManagement), under {@code alias} (default: the artifactId), optionally only some of its
 * services (comma separated; what they depend on comes too).
 */
public class StackRef {
    String coordinates;
    String alias;
    String services;
}
