package io.devstack.core.compose;

import java.util.Locale;

/** Byte sizes as compose writes them: {@code 256m}, {@code 1gb}, {@code 512k}, or a plain number of bytes. */
final class ByteSize {
    private ByteSize() {
    }

    static long parse(YamlNode node) {
        String text = node.string().strip().toLowerCase(Locale.ROOT);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\s*([kmg]?)b?").matcher(text);
        if (!m.matches()) {
            throw node.fail("expected a size such as 256m or 1g but found \"" + text + "\"");
        }
        long value = Long.parseLong(m.group(1));
        switch (m.group(2)) {
            case "k": return value * 1024;
            case "m": return value * 1024 * 1024;
            case "g": return value * 1024 * 1024 * 1024;
            default: return value;
        }
    }
}
