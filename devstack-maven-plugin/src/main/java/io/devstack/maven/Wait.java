package io.devstack.maven;

import io.devstack.core.ready.WaitSpec;

import java.time.Duration;
import java.util.List;

/**
 * One {@code <wait>} of {@code <waits>}: extra readiness conditions for a service, all of which must hold.
 * <pre>
 * &lt;wait&gt;
 *   &lt;service&gt;app&lt;/service&gt;
 *   &lt;timeout&gt;90&lt;/timeout&gt;                  seconds, overrides devstack.timeout
 *   &lt;healthcheck&gt;true&lt;/healthcheck&gt;        default: when the container has one
 *   &lt;tcpPorts&gt;&lt;tcpPort&gt;8080&lt;/tcpPort&gt;&lt;/tcpPorts&gt;   container ports, reached where published
 *   &lt;logPattern&gt;Started .* in&lt;/logPattern&gt;&lt;logCount&gt;1&lt;/logCount&gt;
 *   &lt;exec&gt;pg_isready -U app&lt;/exec&gt;            run with sh -c inside the container
 *   &lt;httpPort&gt;8080&lt;/httpPort&gt;&lt;httpPath&gt;/health&lt;/httpPath&gt;&lt;httpStatus&gt;200&lt;/httpStatus&gt;
 * &lt;/wait&gt;
 * </pre>
 */
public class Wait {
    String service;
    Integer timeout;
    Boolean healthcheck;
    List<Integer> tcpPorts = List.of();
    String logPattern;
    int logCount = 1;
    String exec;
    Integer httpPort;
    String httpPath;
    int httpStatus = 200;

    WaitSpec toSpec() {
        return new WaitSpec(service, timeout == null ? null : Duration.ofSeconds(timeout), healthcheck,
                tcpPorts == null ? List.of() : tcpPorts, logPattern, logCount, exec, httpPort, httpPath, httpStatus);
    }
}
