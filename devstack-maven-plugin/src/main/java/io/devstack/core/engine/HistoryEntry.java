package io.devstack.core.engine;

/** One step of an image's history, as {@code docker history} shows it; {@code size} 0 marks a step without a layer. */
public record HistoryEntry(long createdEpochSeconds, String createdBy, String comment, long size) {
}
