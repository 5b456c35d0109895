package io.devstack.core.compose;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InterpolatorTest {
    /** SET=value, EMPTY is set but empty, UNSET is absent. */
    private static final Map<String, String> VARS = vars();

    private static Map<String, String> vars() {
        Map<String, String> vars = new HashMap<>();
        vars.put("SET", "value");
        vars.put("EMPTY", "");
        vars.put("B", "bee");
        vars.put("HOME", "/home/dev");
        return vars;
    }

    private static String interpolate(String text) {
        return new Interpolator(VARS).interpolate(text);
    }

    @Test
    void textWithoutDollarIsReturnedUnchanged() {
        assertEquals("nginx:1.27", interpolate("nginx:1.27"));
    }

    @Test
    void bareVariableEndsAtFirstNonNameCharacter() {
        assertEquals("/home/dev/bin", interpolate("$HOME/bin"));
        assertEquals("x-value-y", interpolate("x-$SET-y"));
        assertEquals("", interpolate("$UNSET"));
    }

    @Test
    void bracedVariable() {
        assertEquals("valuesuffix", interpolate("${SET}suffix"));
        assertEquals("[]", interpolate("[${UNSET}]"));
    }

    @ParameterizedTest(name = "{0} -> \"{1}\"")
    @CsvSource(delimiter = '|', emptyValue = "", value = {
            // ':-' treats empty like unset, '-' only replaces unset
            "${SET:-d}   | value",
            "${EMPTY:-d} | d",
            "${UNSET:-d} | d",
            "${SET-d}    | value",
            "${EMPTY-d}  | ''",
            "${UNSET-d}  | d",
            // ':+' / '+' are the opposite: alternative when set
            "${SET:+x}   | x",
            "${EMPTY:+x} | ''",
            "${UNSET:+x} | ''",
            "${SET+x}    | x",
            "${EMPTY+x}  | x",
            "${UNSET+x}  | ''",
            // '?' without colon accepts an empty value
            "${EMPTY?must be set} | ''",
            "${SET:?must be set}  | value",
    })
    void defaultsAndAlternatives(String text, String expected) {
        assertEquals(expected, interpolate(text));
    }

    @Test
    void defaultMayContainSpacesAndColons() {
        assertEquals("jdbc:postgresql://db:5432/app", interpolate("${UNSET:-jdbc:postgresql://db:5432/app}"));
    }

    @Test
    void requiredVariableUnsetNamesVariableAndMessage() {
        var e = assertThrows(Interpolator.InterpolationException.class,
                () -> interpolate("registry/${UNSET:?set UNSET to the release tag}"));
        assertTrue(e.getMessage().contains("required variable UNSET is not set: set UNSET to the release tag"),
                e.getMessage());
    }

    @Test
    void requiredVariableWithColonRejectsEmptyValue() {
        var e = assertThrows(Interpolator.InterpolationException.class, () -> interpolate("${EMPTY:?needed}"));
        assertTrue(e.getMessage().contains("required variable EMPTY is not set: needed"), e.getMessage());
    }

    @Test
    void requiredVariableWithoutMessage() {
        var e = assertThrows(Interpolator.InterpolationException.class, () -> interpolate("${UNSET?}"));
        assertTrue(e.getMessage().startsWith("required variable UNSET is not set;"), e.getMessage());
    }

    @Test
    void doubleDollarIsALiteralDollar() {
        assertEquals("echo $HOME", interpolate("echo $$HOME"));
        assertEquals("$${SET}", interpolate("$$$${SET}"));
        assertEquals("a$value", interpolate("a$$$SET"));
    }

    @Test
    void dollarNotFollowedByANameIsKept() {
        assertEquals("costs 5$", interpolate("costs 5$"));
        assertEquals("$1 and $-", interpolate("$1 and $-"));
    }

    @Test
    void nestedDefaultsAreInterpolated() {
        assertEquals("bee", interpolate("${UNSET:-${B}}"));
        assertEquals("value", interpolate("${SET:-${B}}"));
        assertEquals("inner", interpolate("${UNSET:-${ALSO_UNSET:-inner}}"));
        assertEquals("x/bee/y", interpolate("x/${UNSET:-${B}}/y"));
        assertEquals("$", interpolate("${UNSET:-$$}"));
    }

    @Test
    void alternativeIsInterpolatedToo() {
        assertEquals("--user=bee", interpolate("${SET:+--user=${B}}"));
    }

    @Test
    void requiredMessageIsInterpolated() {
        var e = assertThrows(Interpolator.InterpolationException.class, () -> interpolate("${UNSET:?see $HOME/.env}"));
        assertTrue(e.getMessage().contains("see /home/dev/.env"), e.getMessage());
    }

    @Test
    void unclosedBraceIsAnError() {
        var e = assertThrows(Interpolator.InterpolationException.class, () -> interpolate("image: ${TAG"));
        assertTrue(e.getMessage().contains("unclosed '${'"), e.getMessage());
        assertTrue(e.getMessage().contains("image: ${TAG"), e.getMessage());
    }

    @Test
    void unclosedOuterBraceAroundNestedVariableIsAnError() {
        assertThrows(Interpolator.InterpolationException.class, () -> interpolate("${A:-${B}"));
    }

    @Test
    void invalidNamesAndOperatorsAreErrors() {
        assertThrows(Interpolator.InterpolationException.class, () -> interpolate("${}"));
        assertThrows(Interpolator.InterpolationException.class, () -> interpolate("${1ABC}"));
        var e = assertThrows(Interpolator.InterpolationException.class, () -> interpolate("${SET/x/y}"));
        assertTrue(e.getMessage().contains("unsupported substitution"), e.getMessage());
    }
}
