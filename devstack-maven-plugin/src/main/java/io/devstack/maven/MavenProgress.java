package io.devstack.maven;

import io.devstack.core.Progress;
import org.apache.maven.plugin.logging.Log;

/**
 * Progress lines into the Maven log, with the core's setting references rendered for the running goal; details of
 * long work only with -X or when nothing else shows.
 */
final class MavenProgress implements Progress {
    private final Log log;
    private final String goal;

    MavenProgress(Log log, String goal) {
        this.log = log;
        this.goal = goal;
    }

    @Override
    public void info(String line) {
        log.info(SettingText.render(line, goal));
    }

    @Override
    public void warn(String line) {
        log.warn(SettingText.render(line, goal));
    }

    @Override
    public void detail(String line) {
        log.info("  " + SettingText.render(line, goal));
    }
}
