package io.devstack.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Running devstack-archetype in a test project and comparing the files it leaves with a reference tree. */
final class ArchetypeSupport {
    /**
     * Pinned: a bare {@code archetype:generate} takes the newest maven-archetype-plugin on Central, and the pom merge
     * is that plugin's. 3.4.0 is the version devstack-archetype is packaged with (archetype-packaging).
     */
    /** As the README's command: the archetype plugin generates into a scratch directory and leaves pom.xml alone. */
    static final String SCRATCH = "target/devstack-archetype";
    static final String GENERATE = "org.apache.maven.plugins:maven-archetype-plugin:3.4.0:generate";
    static final String VERSION = System.getProperty("devstack.version");

    private ArchetypeSupport() {
    }

    /**
     * Fails unless this build's archetype is in the IT repository. Without it archetype:generate still succeeds, with
     * whatever copy the user's ~/.m2 holds (the IT settings use it as a remote repository): a test against a stale
     * archetype.
     */
    static void assertArchetypeStaged() {
        Path dir = Path.of(System.getProperty("it.repo"), "io", "devstack", "devstack-archetype", VERSION);
        boolean installed = Files.isRegularFile(dir.resolve("devstack-archetype-" + VERSION + ".jar"))
                && Files.isRegularFile(dir.resolve("maven-metadata-local.xml"));
        assertTrue(installed, () -> "io.devstack:devstack-archetype:" + VERSION + " is not staged in " + dir.getParent()
                + ": archetype:generate would take a copy from ~/.m2 instead of this build's. it/pom.xml needs (1) a "
                + "test dependency on io.devstack:devstack-archetype:${project.version} and (2) <scope>test</scope> in "
                + "the configuration of the maven-invoker-plugin execution stage-plugin (invoker:install stages "
                + "runtime-scope dependencies only by default, so no test-scoped reactor module is staged)");
    }

    /** Runs the archetype in the project, with the command line README.md gives, plus any further -D properties. */
    static BuildResult generate(TestProject project, String groupId, String artifactId, String version, String pkg,
                                String mainClass, String database, String... more) {
        List<String> args = new ArrayList<>(List.of(GENERATE, "-DarchetypeGroupId=io.devstack",
                "-DarchetypeArtifactId=devstack-archetype", "-DarchetypeVersion=" + VERSION, "-DgroupId=" + groupId,
                "-DartifactId=" + artifactId, "-Dversion=" + version, "-Dpackage=" + pkg, "-DmainClass=" + mainClass,
                "-DoutputDirectory=" + SCRATCH));
        if (database != null) {
            args.add("-Ddatabase=" + database); // else the archetype follows the project's JDBC driver
        }
        args.addAll(Arrays.asList(more));
        return project.mvn(args.toArray(new String[0]));
    }

    /** As {@link #generate} but without -DoutputDirectory: the archetype plugin merges into pom.xml itself. */
    static BuildResult generateInPlace(TestProject project, String groupId, String artifactId, String version,
                                       String pkg, String mainClass, String database) {
        return project.mvn(GENERATE, "-DarchetypeGroupId=io.devstack", "-DarchetypeArtifactId=devstack-archetype",
                "-DarchetypeVersion=" + VERSION, "-DgroupId=" + groupId, "-DartifactId=" + artifactId,
                "-Dversion=" + version, "-Dpackage=" + pkg, "-DmainClass=" + mainClass, "-Ddatabase=" + database);
    }

    /** Every file under the directory (relative path with '/', to its bytes), without build logs and target/. */
    static Map<String, byte[]> tree(Path dir) {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String relative = dir.relativize(file).toString().replace('\\', '/');
                if (relative.startsWith("target/") || relative.matches("build-\\d+\\.log")) {
                    continue;
                }
                files.put(relative, Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The files of {@code src/it/<name>}. */
    static Map<String, byte[]> itTree(String name) {
        return tree(Path.of(System.getProperty("it.projects")).resolve(name));
    }

    /** Copies the files of {@code src/it/<name>} into the project, over what is there. */
    static void overlay(TestProject project, String name) {
        Path from = Path.of(System.getProperty("it.projects")).resolve(name);
        for (String relative : itTree(name).keySet()) {
            Path target = project.dir.resolve(relative);
            try {
                Files.createDirectories(target.getParent());
                Files.copy(from.resolve(relative), target, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Fails, naming every difference at once, unless the files are exactly the expected ones with exactly the
     * expected bytes: missing files, unexpected files, and for each differing file the first line that differs.
     */
    static void assertSameTree(Map<String, byte[]> expected, Map<String, byte[]> actual, String where) {
        List<String> problems = new ArrayList<>();
        for (String file : new TreeSet<>(expected.keySet())) {
            if (!actual.containsKey(file)) {
                problems.add("missing: " + file);
            } else if (!Arrays.equals(expected.get(file), actual.get(file))) {
                problems.add(file + " differs: " + difference(expected.get(file), actual.get(file)));
            }
        }
        for (String file : actual.keySet()) {
            if (!expected.containsKey(file)) {
                problems.add("unexpected: " + file);
            }
        }
        if (!problems.isEmpty()) {
            fail(problems.size() + " difference(s) from the reference in " + where + ":\n  "
                    + String.join("\n  ", problems));
        }
    }

    /**
     * The lines that differ, as a minimal line diff ({@code -} expected, {@code +} actual, with line numbers), line
     * endings made visible; at most 12 lines of it.
     */
    static String difference(byte[] expected, byte[] actual) {
        List<String> e = lines(expected);
        List<String> a = lines(actual);
        int[][] lcs = new int[e.size() + 1][a.size() + 1];
        for (int i = e.size() - 1; i >= 0; i--) {
            for (int j = a.size() - 1; j >= 0; j--) {
                lcs[i][j] = e.get(i).equals(a.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < e.size() || j < a.size()) {
            if (i < e.size() && j < a.size() && e.get(i).equals(a.get(j))) {
                i++;
                j++;
            } else if (i < e.size() && (j == a.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                out.add("-" + (i + 1) + ": " + e.get(i++));
            } else {
                out.add("+" + (j + 1) + ": " + a.get(j++));
            }
        }
        if (out.isEmpty()) {
            return "same lines, different bytes";
        }
        List<String> shown = out.subList(0, Math.min(out.size(), 12));
        return "(- expected, + actual)\n      " + String.join("\n      ", shown)
                + (out.size() > shown.size() ? "\n      … " + (out.size() - shown.size()) + " more" : "");
    }

    /** Lines with their terminators shown as \r and \n, so a CRLF/LF difference is visible. */
    private static List<String> lines(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(start, i + 1).replace("\r", "\\r").replace("\n", "\\n"));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start) + "<no newline at end>");
        }
        return lines;
    }

    /** The {@code <plugin>} elements of the text, as written (from the line of the start tag to its end tag). */
    static List<String> pluginBlocks(String pom) {
        List<String> blocks = new ArrayList<>();
        for (int start = pom.indexOf("<plugin>"); start >= 0; start = pom.indexOf("<plugin>", start + 1)) {
            int lineStart = pom.lastIndexOf('\n', start) + 1;
            int end = pom.indexOf("</plugin>", start) + "</plugin>".length();
            blocks.add(pom.substring(lineStart, end));
        }
        return blocks;
    }

    static long count(String text, String needle) {
        return DumpSupport.count(text, needle);
    }
}
