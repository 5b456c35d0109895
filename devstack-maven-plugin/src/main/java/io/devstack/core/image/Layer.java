package io.devstack.core.image;

import io.devstack.core.archive.TarEntries;
import java.util.List;

/**
 * One image layer: a name, where its files go in the image, and the files (context-relative names under
 * {@code layers/<name>/} map to {@code target}).
 */
public record Layer(String name, String target, List<TarEntries.Entry> files) {

    /** Where the layer's files sit in the build context, as COPY sources name them. */
    public String source() {
        return "layers/" + name + "/";
    }
}
