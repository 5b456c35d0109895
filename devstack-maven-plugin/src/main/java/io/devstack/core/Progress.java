package io.devstack.core;

/** Where the core reports what it does; the Maven layer maps this onto the build log. */
public interface Progress {
    void info(String line);

    void warn(String line);

    /** Progress lines of long work (build output, bytes loaded); shown at debug level or as they come. */
    default void detail(String line) {
        info(line);
    }

    Progress NONE = new Progress() {
        @Override public void info(String line) { }
        @Override public void warn(String line) { }
    };
}
