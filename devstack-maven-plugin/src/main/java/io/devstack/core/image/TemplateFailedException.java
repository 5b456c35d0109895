package io.devstack.core.image;

import io.devstack.core.DevstackException;

/** The Dockerfile template does not parse or render; the message names the template and line. */
public class TemplateFailedException extends DevstackException {
    public TemplateFailedException(String message) {
        super(message);
    }
}
