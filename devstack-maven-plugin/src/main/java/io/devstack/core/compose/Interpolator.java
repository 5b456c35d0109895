package io.devstack.core.compose;

import java.util.Map;

/**
 * Compose-spec variable interpolation: {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-default}},
 * {@code ${VAR-default}}, {@code ${VAR:?error}}, {@code ${VAR?error}}, {@code ${VAR:+alt}}, {@code ${VAR+alt}}
 * and {@code $$} for a literal dollar. Defaults may themselves contain variables.
 */
public final class Interpolator {
    private final Map<String, String> variables;

    public Interpolator(Map<String, String> variables) {
        this.variables = variables;
    }

    /** Thrown for {@code ${VAR:?msg}} with VAR unset, or for malformed syntax; the caller adds the location. */
    public static final class InterpolationException extends RuntimeException {
        InterpolationException(String message) {
            super(message);
        }
    }

    public String interpolate(String text) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 >= text.length()) {
                out.append('$');
                i++;
            } else if (text.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
            } else if (text.charAt(i + 1) == '{') {
                int end = matchingBrace(text, i + 2);
                if (end < 0) {
                    throw new InterpolationException("unclosed '${' in \"" + text + "\"; write $$ for a literal dollar");
                }
                out.append(expand(text.substring(i + 2, end), text));
                i = end + 1;
            } else if (isNameStart(text.charAt(i + 1))) {
                int j = i + 1;
                while (j < text.length() && isNamePart(text.charAt(j))) {
                    j++;
                }
                out.append(variables.getOrDefault(text.substring(i + 1, j), ""));
                i = j;
            } else {
                out.append('$');
                i++;
            }
        }
        return out.toString();
    }

    private String expand(String body, String whole) {
        int j = 0;
        while (j < body.length() && isNamePart(body.charAt(j))) {
            j++;
        }
        String name = body.substring(0, j);
        if (name.isEmpty() || !isNameStart(name.charAt(0))) {
            throw new InterpolationException("invalid variable name in \"${" + body + "}\"");
        }
        String value = variables.get(name);
        if (j == body.length()) {
            return value == null ? "" : value;
        }
        String rest = body.substring(j);
        boolean colon = rest.startsWith(":");
        String op = colon ? rest.substring(1, Math.min(2, rest.length())) : rest.substring(0, 1);
        String arg = rest.substring(colon ? 2 : 1);
        boolean unset = value == null || (colon && value.isEmpty());
        switch (op) {
            case "-":
                return unset ? interpolate(arg) : value;
            case "?":
                if (unset) {
                    String why = interpolate(arg);
                    throw new InterpolationException("required variable " + name + " is not set"
                            + (why.isEmpty() ? "" : ": " + why)
                            + "; set it in the environment or in .env");
                }
                return value;
            case "+":
                return unset ? "" : interpolate(arg);
            default:
                throw new InterpolationException("unsupported substitution \"${" + body + "}\" in \"" + whole + "\"");
        }
    }

    private static int matchingBrace(String text, int from) {
        int depth = 1;
        for (int k = from; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return k;
            }
        }
        return -1;
    }

    private static boolean isNameStart(char c) {
        return c == '_' || Character.isLetter(c);
    }

    private static boolean isNamePart(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }
}
