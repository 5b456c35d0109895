package io.devstack.core.engine.docker;

import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.NotFoundException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The engine's reason in plain words: JSON decoded, one line, the useful cause of a transport failure. */
class EngineMessagesTest {
    @Test
    void anApiErrorLosesItsStatusPrefixAndJsonEscapes() {
        var e = new BadRequestException("Status 400: {\"message\":\"invalid mount config for type \\\"bind\\\": bind "
                + "source path does not exist: /x\"}\n");
        assertEquals("invalid mount config for type \"bind\": bind source path does not exist: /x",
                EngineMessages.readable(e));
    }

    /** A message that announces its reason with a colon keeps the line after it; a longer one stays one line. */
    @Test
    void aFirstLineEndingInAColonKeepsTheReasonAfterIt() {
        var e = new BadRequestException("Status 400: {\"message\":\"failed to load image: payload does not match:\\n"
                + " * docker-archive: some layer tarfiles are missing\\n * oci: no index\"}");
        assertEquals("failed to load image: payload does not match: * docker-archive: some layer tarfiles are missing",
                EngineMessages.readable(e));
        assertEquals("first line", EngineMessages.readable(new RuntimeException("first line\nsecond line")));
    }

    @Test
    void aNotFoundKeepsItsMessage() {
        assertEquals("No such container: abc", EngineMessages.readable(
                new NotFoundException("Status 404: {\"message\":\"No such container: abc\"}")));
    }

    @Test
    void aTransportFailureSaysTheCause() {
        assertEquals("Connection refused", EngineMessages.readable(
                new RuntimeException(new ConnectException("Connection refused"))));
    }

    @Test
    void aBareJsonBodyIsDecodedToo() {
        assertEquals("no build stage", EngineMessages.readable(new RuntimeException("{\"message\":\"no build stage\"}")));
    }
}
