package io.devstack.maven;

import io.devstack.core.Progress;
import org.apache.maven.plugin.logging.Log;

/** Progress lines into the Maven log; details of long work only with -X or when nothing else shows. */
final class MavenProgress implements Progress {
    private final Log log;

    MavenProgress(Log log) {
        this.log = log;
    }

    @Override
    public void info(String line) {
        log.info(line);
    }

    @Override
    public void warn(String line) {
        log.warn(line);
    }

    @Override
    public void detail(String line) {
        log.info("  " + line);
    }
}
