package io.devstack.core.compose;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvFileTest {
    @TempDir
    Path dir;

    private Map<String, String> read(String... lines) throws IOException {
        Path file = dir.resolve(".env");
        Files.write(file, List.of(lines));
        return EnvFile.read(file);
    }

    @Test
    void missingFileIsEmpty() {
        assertEquals(Map.of(), EnvFile.read(dir.resolve("nope.env")));
    }

    @Test
    void commentsAndBlankLinesAreSkipped() throws IOException {
        Map<String, String> env = read("# database settings", "", "   # indented comment", "DB_USER=shop", "   ");
        assertEquals(Map.of("DB_USER", "shop"), env);
    }

    @Test
    void keepsFileOrder() throws IOException {
        Map<String, String> env = read("Z=1", "A=2", "M=3");
        assertEquals(List.of("Z", "A", "M"), List.copyOf(env.keySet()));
    }

    @Test
    void exportPrefixIsIgnored() throws IOException {
        assertEquals(Map.of("TAG", "1.4"), read("export TAG=1.4"));
    }

    @Test
    void whitespaceAroundKeyAndValueIsTrimmed() throws IOException {
        assertEquals(Map.of("KEY", "v"), read("  KEY =  v  "));
    }

    @Test
    void emptyValueAndValueContainingEquals() throws IOException {
        Map<String, String> env = read("EMPTY=", "URL=postgres://u:p@db/app?sslmode=disable&x=1");
        assertEquals("", env.get("EMPTY"));
        assertEquals("postgres://u:p@db/app?sslmode=disable&x=1", env.get("URL"));
    }

    @Test
    void singleQuotesAreLiteral() throws IOException {
        Map<String, String> env = read("A='a b # not a comment'", "B='no \\n escape $HOME'");
        assertEquals("a b # not a comment", env.get("A"));
        assertEquals("no \\n escape $HOME", env.get("B"));
    }

    @Test
    void doubleQuotesUnderstandEscapes() throws IOException {
        Map<String, String> env = read("MSG=\"line1\\nline2\\tend \\\"quoted\\\" back\\\\slash\"");
        assertEquals("line1\nline2\tend \"quoted\" back\\slash", env.get("MSG"));
    }

    @Test
    void hashInsideDoubleQuotesIsKept() throws IOException {
        assertEquals("a # b", read("X=\"a # b\"").get("X"));
    }

    @Test
    void inlineCommentNeedsASpaceBeforeTheHash() throws IOException {
        Map<String, String> env = read("A=value # explanation", "B=color#fff", "C=\"quoted\" # trailing", "D='lit' # c");
        assertEquals("value", env.get("A"));
        assertEquals("color#fff", env.get("B"));
        assertEquals("quoted", env.get("C"));
        assertEquals("lit", env.get("D"));
    }

    @Test
    void malformedLineNamesFileAndLineNumber() throws IOException {
        var e = assertThrows(ComposeFileException.class,
                () -> read("# header", "", "A=1", "this line is wrong", "B=2"));
        assertEquals(4, e.line());
        assertTrue(e.getMessage().contains(".env line 4: "), e.getMessage());
        assertTrue(e.getMessage().contains("this line is wrong"), e.getMessage());
    }

    @Test
    void lineWithoutKeyIsMalformed() throws IOException {
        var e = assertThrows(ComposeFileException.class, () -> read("A=1", "=value"));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }
}
