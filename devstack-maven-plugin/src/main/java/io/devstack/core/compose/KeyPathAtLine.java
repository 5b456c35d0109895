package io.devstack.core.compose;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * For a file that does not parse: the key path the broken line sits under, read from indentation alone
 * (block-style YAML as compose files are written), so even a syntax error names the key.
 */
final class KeyPathAtLine {
    private static final Pattern KEY = Pattern.compile("^(\\s*)(?:-\\s+)?([A-Za-z0-9_.\\-\"']+)\\s*:(?:\\s|$)");

    private KeyPathAtLine() {
    }

    static String of(Path file, int line) {
        if (line <= 0) {
            return null;
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            Deque<int[]> indents = new ArrayDeque<>();
            Deque<String> keys = new ArrayDeque<>();
            for (int i = 0; i < Math.min(line, lines.size()); i++) {
                Matcher m = KEY.matcher(lines.get(i));
                if (!m.find() || lines.get(i).strip().startsWith("#")) {
                    continue;
                }
                int indent = m.group(1).length();
                while (!indents.isEmpty() && indents.peekLast()[0] >= indent) {
                    indents.removeLast();
                    keys.removeLast();
                }
                indents.addLast(new int[] {indent});
                keys.addLast(m.group(2).replace("\"", "").replace("'", ""));
            }
            return keys.isEmpty() ? null : String.join(".", keys);
        } catch (IOException e) {
            return null;
        }
    }
}
