package io.devstack.core.image;

import freemarker.core.ParseException;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import io.devstack.core.Hashes;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Renders the Dockerfile from the project's template, or devstack's default, with FreeMarker. */
public final class DockerfileTemplate {
    private static final String DEFAULT = "Dockerfile.ftl";

    private DockerfileTemplate() {
    }

    /**
     * As {@link #render(Path, Map)}, remembered in {@code cache} by the template's text and the model: a no-change
     * check then needs no FreeMarker at all (loading it is a good part of a cold check). A template that reads the
     * clock ({@code .now}) is rendered every time.
     */
    public static String render(Path template, Map<String, Object> model, Path cache) {
        String text;
        try {
            text = template == null ? new String(DockerfileTemplate.class.getResourceAsStream(DEFAULT).readAllBytes(),
                    StandardCharsets.UTF_8) : Files.readString(template, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TemplateFailedException("cannot read " + (template == null ? DEFAULT : template) + ": "
                    + e.getMessage());
        }
        if (text.contains(".now")) {
            return render(template, model);
        }
        String key = Hashes.sha256((text + "\0" + canonical(model)).getBytes(StandardCharsets.UTF_8));
        try {
            if (Files.isRegularFile(cache)) {
                String cached = Files.readString(cache, StandardCharsets.UTF_8);
                if (cached.startsWith(key + "\n")) {
                    return cached.substring(key.length() + 1);
                }
            }
            String rendered = render(template, model);
            Files.createDirectories(cache.getParent());
            Files.writeString(cache, key + "\n" + rendered, StandardCharsets.UTF_8);
            return rendered;
        } catch (IOException e) {
            return render(template, model); // the cache is only a shortcut
        }
    }

    /** {@code template} null: the built-in default. Errors name the template file and line. */
    public static String render(Path template, Map<String, Object> model) {
        Configuration config = new Configuration(Configuration.VERSION_2_3_34);
        config.setDefaultEncoding("UTF-8");
        config.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        config.setLogTemplateExceptions(false);
        config.setWrapUncheckedExceptions(true);
        config.setFallbackOnNullLoopVariable(false);
        String name = template == null ? "devstack's default Dockerfile.ftl" : template.toString();
        try (Reader reader = template == null
                ? new InputStreamReader(DockerfileTemplate.class.getResourceAsStream(DEFAULT), StandardCharsets.UTF_8)
                : Files.newBufferedReader(template, StandardCharsets.UTF_8)) {
            Template parsed = new Template(name, reader, config);
            StringWriter out = new StringWriter();
            parsed.process(model, out);
            return out.toString();
        } catch (ParseException e) {
            throw new TemplateFailedException(name + " line " + e.getLineNumber() + ": " + firstLine(e.getEditorMessage())
                    + " — fix the template");
        } catch (TemplateException e) {
            throw new TemplateFailedException(name + " line " + e.getLineNumber() + ": "
                    + problem(e.getMessageWithoutStackTop()) + " — the model offers: " + String.join(", ", model.keySet()));
        } catch (IOException e) {
            throw new TemplateFailedException("cannot read " + name + ": " + e.getMessage());
        }
    }

    /** The model as text in one order whatever the maps' own (Map.of iterates differently in each JVM). */
    private static String canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            java.util.TreeMap<String, String> sorted = new java.util.TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), canonical(v)));
            return sorted.toString();
        }
        if (value instanceof java.util.Collection<?> list) {
            return list.stream().map(DockerfileTemplate::canonical).toList().toString();
        }
        return String.valueOf(value);
    }

    /** FreeMarker puts the offending expression on a "==> expr  [in template ...]" line after the first. */
    private static String problem(String message) {
        String first = firstLine(message);
        String expression = message == null ? null : message.lines().filter(l -> l.startsWith("==>")).findFirst()
                .map(l -> l.substring(3).replaceFirst("\\s*\\[in template.*$", "").strip()).orElse(null);
        return expression == null ? first : first + " " + expression;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("").strip();
    }
}
