package io.devstack;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The shape STYLE_GUIDE.md describes, checked on the sources: the core knows nothing of Maven, docker-java stays in
 * the engine adapter, our own classes are imported (not named inline), and no two packages depend on each other.
 */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);");
    private static final Pattern IMPORT = Pattern.compile("(?m)^import (?:static )?([\\w.*]+);");
    private static final Pattern OWN_FQN = Pattern.compile("\\b(io\\.devstack(?:\\.[a-z]\\w*)+)\\.[A-Z]\\w*");

    private record Source(Path file, String pkg, List<String> importedPackages, Set<String> importedNames,
                          String body) {
    }

    private static List<Source> sources() {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            List<Source> sources = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                Matcher pkg = PACKAGE.matcher(text);
                String name = pkg.find() ? pkg.group(1) : "";
                List<String> imports = new ArrayList<>();
                Set<String> names = new TreeSet<>();
                Matcher imp = IMPORT.matcher(text);
                while (imp.find()) {
                    imports.add(packageOf(imp.group(1)));
                    names.add(imp.group(1).substring(imp.group(1).lastIndexOf('.') + 1));
                }
                String body = text.replaceAll("(?m)^(import|package) .*$", "")
                        .replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
                sources.add(new Source(SOURCES.relativize(file), name, imports, names, body));
            }
            return sources;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The package part of an imported name: the segments before the first type (capitalised) or wildcard. */
    private static String packageOf(String name) {
        List<String> parts = new ArrayList<>();
        for (String part : name.split("\\.")) {
            if (part.equals("*") || Character.isUpperCase(part.charAt(0))) {
                break;
            }
            parts.add(part);
        }
        return String.join(".", parts);
    }

    @Test
    void mavenIsOnlyImportedByTheMavenLayer() {
        assertEquals(List.of(), offenders("org.apache.maven", pkg -> pkg.equals("io.devstack.maven")));
    }

    @Test
    void dockerJavaIsOnlyImportedByTheEngineAdapter() {
        assertEquals(List.of(), offenders("com.github.dockerjava", pkg -> pkg.equals("io.devstack.core.engine.docker")));
    }

    @Test
    void theCoreNeverReachesIntoTheMavenLayer() {
        assertEquals(List.of(), offenders("io.devstack.maven", pkg -> !pkg.startsWith("io.devstack.core")));
    }

    @Test
    void ownClassesAreImportedNotNamedInline() {
        List<String> inline = new ArrayList<>();
        for (Source source : sources()) {
            Matcher m = OWN_FQN.matcher(source.body());
            while (m.find()) {
                String simpleName = m.group().substring(m.group(1).length() + 1);
                if (!source.importedNames().contains(simpleName)) { // else Java leaves no choice
                    inline.add(source.file() + ": " + m.group());
                }
            }
        }
        assertEquals(List.of(), inline, "import these classes instead");
    }

    @Test
    void noPackageCycles() {
        Map<String, Set<String>> edges = dependencies();
        List<String> cycles = new ArrayList<>();
        for (String from : edges.keySet()) {
            for (String to : edges.get(from)) {
                if (from.compareTo(to) < 0 && reaches(edges, to, from, new TreeSet<>())) {
                    cycles.add(from + " <-> " + to + " (" + from + " uses " + to + ", and " + to + " reaches " + from + ")");
                }
            }
        }
        assertEquals(List.of(), cycles, "package cycles; the graph is " + edges);
    }

    /** Package -> the packages of this project it uses (imports and inline names), itself left out. */
    private static Map<String, Set<String>> dependencies() {
        Map<String, Set<String>> edges = new TreeMap<>();
        for (Source source : sources()) {
            Set<String> targets = edges.computeIfAbsent(source.pkg(), k -> new TreeSet<>());
            source.importedPackages().stream().filter(p -> p.startsWith("io.devstack")).forEach(targets::add);
            Matcher m = OWN_FQN.matcher(source.body());
            while (m.find()) {
                targets.add(m.group(1));
            }
            targets.remove(source.pkg());
        }
        return edges;
    }

    private static boolean reaches(Map<String, Set<String>> edges, String from, String to, Set<String> seen) {
        if (from.equals(to)) {
            return true;
        }
        if (!seen.add(from)) {
            return false;
        }
        return edges.getOrDefault(from, Set.of()).stream().anyMatch(next -> reaches(edges, next, to, seen));
    }

    private static List<String> offenders(String prefix, java.util.function.Predicate<String> allowed) {
        return sources().stream().filter(s -> !allowed.test(s.pkg()))
                .filter(s -> s.importedPackages().stream().anyMatch(p -> p.startsWith(prefix))
                        || s.body().contains(prefix + "."))
                .map(s -> s.file().toString()).toList();
    }
}
