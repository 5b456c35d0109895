package io.devstack.maven;

import io.devstack.core.Setting;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the core's {@link Setting} references in a message as this goal's own property or POM element. A setting
 * the goal does not have is named with the goal that has it ({@code -Ddevstack.reload=true on devstack:up}).
 */
final class SettingText {
    private static final Pattern REF = Pattern.compile("\\{\\{([A-Z_|]+)(?:=([^}:]*))?(:both)?}}");
    private static final List<String> WAITING_GOALS = List.of("up", "dump", "reset", "restart");
    private static final Map<Setting, Param> PARAMS = new EnumMap<>(Setting.class);

    /** Where a setting lives: its property (or null), its element, and the goals that have it (empty: all). */
    private record Param(String property, String element, List<String> goals) {
    }

    static {
        PARAMS.put(Setting.TIMEOUT, new Param("devstack.timeout", "timeout", WAITING_GOALS));
        PARAMS.put(Setting.WAITS, new Param(null, "waits", List.of("up")));
        PARAMS.put(Setting.RELOAD, new Param("devstack.reload", "reload", List.of("up")));
        PARAMS.put(Setting.REMOVE_VOLUMES, new Param("devstack.removeVolumes", "removeVolumes", List.of("down")));
        PARAMS.put(Setting.KEEP_ON_FAILURE, new Param("devstack.keepOnFailure", "keepOnFailure", List.of("up")));
        PARAMS.put(Setting.COMPOSE_FILE, new Param("devstack.composeFile", "composeFile", List.of()));
        PARAMS.put(Setting.PROFILES, new Param("devstack.profiles", "profiles", List.of()));
        PARAMS.put(Setting.MAIN_CLASS, new Param("devstack.mainClass", "mainClass", List.of("build", "up")));
        PARAMS.put(Setting.BASE_IMAGE, new Param("devstack.baseImage", "baseImage", List.of("build", "up")));
        PARAMS.put(Setting.CREATION_TIME, new Param("devstack.creationTime", "creationTime", List.of("build", "up")));
        PARAMS.put(Setting.DUMP_DATABASES, new Param("devstack.dump.databases", "databases", List.of("dump")));
        PARAMS.put(Setting.DUMP_LIVE, new Param("devstack.dump.live", "live", List.of("dump")));
        PARAMS.put(Setting.MIGRATE_STALE, new Param("devstack.migrateStale", "migrateStale", List.of("up")));
        PARAMS.put(Setting.MIGRATION_EXEC, new Param("devstack.dump.exec", "migrationExec", List.of("up", "dump")));
    }

    private SettingText() {
    }

    static String render(String text, String goal) {
        if (text == null || !text.contains("{{")) {
            return text;
        }
        Matcher m = REF.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(render(m.group(1).split("\\|"), m.group(2),
                    m.group(3) != null, goal)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String render(String[] names, String value, boolean both, String goal) {
        List<String> here = new ArrayList<>();
        String elsewhere = null;
        for (String name : names) {
            Param param = PARAMS.get(Setting.valueOf(name));
            String shown = form(param, value, both);
            if (param.goals().isEmpty() || param.goals().contains(goal)) {
                here.add(shown);
            } else if (elsewhere == null) {
                elsewhere = shown + " on devstack:" + param.goals().get(0);
            }
        }
        return here.isEmpty() ? elsewhere : String.join(" or ", here);
    }

    private static String form(Param param, String value, boolean both) {
        if (param.property() == null) {
            return "<" + param.element() + ">";
        }
        String property = "-D" + param.property() + (value != null ? "=" + value : "");
        return both ? "<" + param.element() + "> (" + property + ")" : property;
    }
}
