package io.devstack.core.compose;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SpecKeysTest {
    @Test
    void typosFindTheirKey() {
        assertEquals(Optional.of("environment"), SpecKeys.nearest("enviroment", SpecKeys.SERVICE));
        assertEquals(Optional.of("depends_on"), SpecKeys.nearest("depend_on", SpecKeys.SERVICE));
        assertEquals(Optional.of("healthcheck"), SpecKeys.nearest("healtcheck", SpecKeys.SERVICE));
        assertEquals(Optional.of("ports"), SpecKeys.nearest("prots", SpecKeys.SERVICE), "a swap is one edit");
        assertEquals(Optional.of("volumes"), SpecKeys.nearest("volume", SpecKeys.TOP_LEVEL));
    }

    @Test
    void unrelatedWordsFindNone() {
        assertEquals(Optional.empty(), SpecKeys.nearest("frobnicate", SpecKeys.SERVICE));
        assertEquals(Optional.empty(), SpecKeys.nearest("xy", SpecKeys.TOP_LEVEL));
    }

    @Test
    void everyKeyDevstackActsOnIsASpecKey() {
        ServiceReader.SUPPORTED.forEach(k -> assertEquals(true, SpecKeys.SERVICE.contains(k), k));
        ServiceReader.REJECTED.forEach(k -> assertEquals(true, SpecKeys.SERVICE.contains(k), k));
    }
}
