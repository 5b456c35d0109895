package io.devstack.core.publish;

/**
 * A stack read from a developer's checkout instead of its artifact: the path as the link names it, the checkout's
 * own coordinates (groupId:artifactId:version of its POM), what an artifact of it would say (its compose files,
 * exports and stacks, with {@code directory} the checkout itself), and the image its {@code devstack:build} makes
 * (null when it makes none), and how the developer undoes the link (an unlink, or dropping a -D property).
 */
public record LinkedCheckout(String path, String coordinates, StackArtifact artifact, String ownImage, String undo) {
}
