package io.devstack.core.stack;

/**
 * A record's {@code toString} form ({@code Name[a=1, b=null]}), written out for the records that config hashes read.
 * The form the compiler generates is built on first use by {@code ObjectMethods}, which costs a cold JVM 50-130 ms
 * for the few records a no-op {@code up} prints into its hashes; the text must stay the same, or every container's
 * hash changes and {@code up} recreates it.
 */
final class RecordText {
    private final StringBuilder text;
    private boolean first = true;

    RecordText(String name) {
        text = new StringBuilder(name).append('[');
    }

    RecordText add(String component, Object value) {
        if (!first) {
            text.append(", ");
        }
        first = false;
        text.append(component).append('=').append(value);
        return this;
    }

    @Override
    public String toString() {
        return text + "]";
    }
}
