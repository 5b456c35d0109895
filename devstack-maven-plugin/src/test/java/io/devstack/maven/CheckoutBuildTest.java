package io.devstack.maven;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CheckoutBuildTest {
    @Test
    void aCompileErrorIsNamedByItsFileAndLineNotByMavensHeader() {
        List<String> output = List.of(
                "[INFO] --- compiler:3.13.0:compile (default-compile) @ catalog ---",
                "[ERROR] COMPILATION ERROR : ",
                "[INFO] -------------------------------------------------------------",
                "[ERROR] /work/catalog/src/main/java/org/trial/Catalog.java:[12,9] cannot find symbol",
                "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.13.0:compile",
                "[ERROR] -> [Help 1]");
        assertEquals(Optional.of("/work/catalog/src/main/java/org/trial/Catalog.java:[12,9] cannot find symbol"),
                CheckoutBuild.reason(output));
    }

    @Test
    void anyOtherFailureIsMavensOwnLine() {
        assertEquals(Optional.of("Failed to execute goal on project catalog: Could not resolve dependencies"),
                CheckoutBuild.reason(List.of("[ERROR] ", "[ERROR] Failed to execute goal on project catalog: Could not "
                        + "resolve dependencies", "[ERROR] To see the full stack trace of the errors, re-run Maven")));
        assertEquals(Optional.empty(), CheckoutBuild.reason(List.of("[INFO] BUILD FAILURE")));
    }
}
