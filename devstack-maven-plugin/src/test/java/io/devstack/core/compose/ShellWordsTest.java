package io.devstack.core.compose;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShellWordsTest {
    @Test
    void splitsOnAnyRunOfWhitespace() {
        assertEquals(List.of("java", "-jar", "app.jar"), ShellWords.split("  java \t-jar\n  app.jar  "));
    }

    @Test
    void emptyAndBlankGiveNoWords() {
        assertEquals(List.of(), ShellWords.split(""));
        assertEquals(List.of(), ShellWords.split("   "));
    }

    @Test
    void singleQuotesKeepEverythingLiteral() {
        assertEquals(List.of("sh", "-c", "echo \"$HOME\" \\n"), ShellWords.split("sh -c 'echo \"$HOME\" \\n'"));
    }

    @Test
    void doubleQuotesGroupWordsAndUnderstandFewEscapes() {
        assertEquals(List.of("echo", "a \"b\" $c \\n"), ShellWords.split("echo \"a \\\"b\\\" \\$c \\n\""));
    }

    @Test
    void quotesJoinAdjacentText() {
        assertEquals(List.of("--name=my app", "x'y"), ShellWords.split("--name=\"my app\" \"x'y\""));
        assertEquals(List.of("abc"), ShellWords.split("a'b'\"c\""));
    }

    @Test
    void emptyQuotesAreAnEmptyWord() {
        assertEquals(List.of("cmd", "", "x"), ShellWords.split("cmd '' x"));
        assertEquals(List.of(""), ShellWords.split("\"\""));
    }

    @Test
    void backslashOutsideQuotesEscapesTheNextCharacter() {
        assertEquals(List.of("my file.txt", "a'b", "c\"d"), ShellWords.split("my\\ file.txt a\\'b c\\\"d"));
    }

    @Test
    void unclosedQuoteIsAnError() {
        var single = assertThrows(IllegalArgumentException.class, () -> ShellWords.split("echo 'oops"));
        assertTrue(single.getMessage().contains("unclosed '"), single.getMessage());
        var dbl = assertThrows(IllegalArgumentException.class, () -> ShellWords.split("echo \"oops"));
        assertTrue(dbl.getMessage().contains("unclosed \""), dbl.getMessage());
    }
}
