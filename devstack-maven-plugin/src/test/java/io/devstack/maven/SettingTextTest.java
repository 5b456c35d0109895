package io.devstack.maven;

import io.devstack.core.Setting;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SettingTextTest {
    @Test
    void aReferenceBecomesTheGoalsOwnPropertyOrElement() {
        String timeout = "raise the timeout (" + Setting.any(Setting.TIMEOUT, Setting.WAITS) + ") if it is just slow";
        assertEquals("raise the timeout (-Ddevstack.timeout or <waits>) if it is just slow",
                SettingText.render(timeout, "up"));
        assertEquals("raise the timeout (-Ddevstack.timeout) if it is just slow", SettingText.render(timeout, "dump"),
                "dump has no <waits>");
        assertEquals("set <mainClass> (-Ddevstack.mainClass) in the plugin",
                SettingText.render("set " + Setting.MAIN_CLASS.refBoth() + " in the plugin", "build"));
    }

    @Test
    void aSettingOfAnotherGoalIsNamedWithThatGoal() {
        assertEquals("run with -Ddevstack.reload=true on devstack:up",
                SettingText.render("run with " + Setting.RELOAD.ref("true"), "status"));
        assertEquals("run with -Ddevstack.reload=true", SettingText.render("run with " + Setting.RELOAD.ref("true"),
                "up"));
    }

    @Test
    void textWithoutReferencesIsUnchanged() {
        assertEquals("plain {text}", SettingText.render("plain {text}", "up"));
        assertEquals(null, SettingText.render(null, "up"));
    }
}
