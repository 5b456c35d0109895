package io.devstack.core.image;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DockerIgnoreTest {
    private static DockerIgnore ignore(String... lines) {
        return DockerIgnore.parse(List.of(lines));
    }

    @Test
    void commentsAndBlankLinesAreSkipped() {
        DockerIgnore ignore = ignore("# a comment", "", "  ", "target");
        assertTrue(ignore.excludes("target"));
        assertFalse(ignore.excludes("# a comment"));
    }

    @Test
    void directoryPatternExcludesEverythingBelow() {
        DockerIgnore ignore = ignore("target", ".git/");
        assertTrue(ignore.excludes("target/classes/A.class"));
        assertTrue(ignore.excludes(".git/HEAD"));
        assertFalse(ignore.excludes("src/target.txt"));
    }

    @Test
    void singleStarStaysInOneDirectory() {
        DockerIgnore ignore = ignore("*.log", "docs/*.md");
        assertTrue(ignore.excludes("build.log"));
        assertFalse(ignore.excludes("logs/build.log"), "*.log matches only at the top, as in Docker");
        assertTrue(ignore.excludes("docs/a.md"));
        assertFalse(ignore.excludes("docs/sub/a.md"));
    }

    @Test
    void doubleStarCrossesDirectories() {
        DockerIgnore ignore = ignore("**/*.tmp", "build/**/cache");
        assertTrue(ignore.excludes("a.tmp"));
        assertTrue(ignore.excludes("x/y/z.tmp"));
        assertTrue(ignore.excludes("build/cache"));
        assertTrue(ignore.excludes("build/a/b/cache/file"));
    }

    @Test
    void lastMatchingLineWinsSoExceptionsReinclude() {
        DockerIgnore ignore = ignore("*", "!Dockerfile", "!target/lib", "target/lib/skip.jar");
        assertTrue(ignore.excludes("src/Main.java"));
        assertFalse(ignore.excludes("Dockerfile"));
        assertFalse(ignore.excludes("target/lib/a.jar"));
        assertTrue(ignore.excludes("target/lib/skip.jar"));
        assertTrue(ignore.mayIncludeBelow("target"));
    }

    @Test
    void questionMarkCharacterClassesAndLeadingSlash() {
        DockerIgnore ignore = ignore("/file?.txt", "[ab].md", "[!c]x.md");
        assertTrue(ignore.excludes("file1.txt"));
        assertFalse(ignore.excludes("file10.txt"));
        assertTrue(ignore.excludes("a.md"));
        assertFalse(ignore.excludes("c.md"));
        assertTrue(ignore.excludes("dx.md"));
        assertFalse(ignore.excludes("cx.md"));
    }

    @Test
    void withoutExceptionsExcludedDirectoriesNeedNoWalk() {
        assertFalse(ignore("target").mayIncludeBelow("target"));
    }
}
