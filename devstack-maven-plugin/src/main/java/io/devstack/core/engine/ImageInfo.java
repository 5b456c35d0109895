package io.devstack.core.engine;

import java.util.List;
import java.util.Map;

/** What an image is made of: its id, layer diff ids (bottom first) and the config new layers inherit. */
public record ImageInfo(String id, String os, String architecture, List<String> diffIds, List<String> env,
                        List<String> entrypoint, List<String> cmd, String workingDir, String user,
                        List<String> exposedPorts, Map<String, String> labels) {
}
