package io.devstack.core.stack;

/**
 * A volume of a service. For {@link Type#VOLUME} the source is the compose key of a top-level volume
 * (null for an anonymous one); for {@link Type#BIND} it is an absolute host path.
 */
public record Mount(Type type, String source, String target, boolean readOnly) {
    public enum Type { VOLUME, BIND, TMPFS }

    /** The record's own form, written out: see {@link RecordText}. */
    @Override
    public String toString() {
        return new RecordText("Mount").add("type", type).add("source", source).add("target", target)
                .add("readOnly", readOnly).toString();
    }
}
