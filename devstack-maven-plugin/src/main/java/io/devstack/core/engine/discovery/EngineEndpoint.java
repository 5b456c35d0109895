package io.devstack.core.engine.discovery;

import java.net.URI;
import java.nio.file.Path;

/**
 * Where the engine is and how it was found. {@code tlsDir} holds ca.pem, cert.pem and key.pem when the connection
 * uses TLS (null: plain socket or TCP); {@code verify} checks the server's certificate against ca.pem.
 */
public record EngineEndpoint(URI host, Path tlsDir, boolean verify, String foundVia) {
    public boolean tls() {
        return tlsDir != null;
    }

    /** The machine the engine runs on, as the build reaches it: null for a local socket. */
    public String remoteHost() {
        String scheme = host.getScheme();
        if (("tcp".equals(scheme) || "ssh".equals(scheme) || "https".equals(scheme) || "http".equals(scheme))
                && host.getHost() != null && !isLoopback(host.getHost())) {
            return host.getHost();
        }
        return null;
    }

    private static boolean isLoopback(String name) {
        return name.equals("localhost") || name.startsWith("127.") || name.equals("::1") || name.equals("[::1]");
    }
}
