package io.devstack.core.compose;

import java.util.Comparator;
import java.util.Optional;
import java.util.Set;

/**
 * The keys the compose specification defines (schema/compose-spec.json), so a misspelled key is an error — as with
 * the compose CLI — instead of a warning that runs a different stack. Keys starting with {@code x-} are extensions.
 */
final class SpecKeys {
    static final Set<String> TOP_LEVEL = Set.of("version", "name", "include", "services", "networks", "volumes",
            "secrets", "configs", "models");
    static final Set<String> SERVICE = Set.of("annotations", "attach", "blkio_config", "build", "cap_add", "cap_drop",
            "cgroup", "cgroup_parent", "command", "configs", "container_name", "cpu_count", "cpu_percent",
            "cpu_period", "cpu_quota", "cpu_rt_period", "cpu_rt_runtime", "cpu_shares", "cpus", "cpuset",
            "credential_spec", "depends_on", "deploy", "develop", "device_cgroup_rules", "devices", "dns", "dns_opt",
            "dns_search", "domainname", "entrypoint", "env_file", "environment", "expose", "extends",
            "external_links", "extra_hosts", "gpus", "group_add", "healthcheck", "hostname", "image", "init", "ipc",
            "isolation", "label_file", "labels", "links", "logging", "mac_address", "mem_limit", "mem_reservation",
            "mem_swappiness", "memswap_limit", "models", "network_mode", "networks", "oom_kill_disable",
            "oom_score_adj", "pid", "pids_limit", "platform", "ports", "post_start", "pre_stop", "privileged",
            "profiles", "provider", "pull_policy", "pull_refresh_after", "read_only", "restart", "runtime", "scale",
            "secrets", "security_opt", "shm_size", "stdin_open", "stop_grace_period", "stop_signal", "storage_opt",
            "sysctls", "tmpfs", "tty", "ulimits", "use_api_socket", "user", "userns_mode", "uts", "volumes",
            "volumes_from", "working_dir");

    private SpecKeys() {
    }

    /** Throws, naming the nearest key of {@code known}, when {@code key} is neither one of them nor an extension. */
    static void check(YamlNode node, String key, Set<String> known, String where) {
        if (known.contains(key) || key.startsWith("x-")) {
            return;
        }
        String hint = nearest(key, known).map(k -> "did you mean `" + k + "`?")
                .orElse("see the compose specification for the keys " + where + " may have");
        throw node.fail("`" + key + "` is not a key of the compose specification for " + where + "; " + hint);
    }

    /** The known key closest to {@code key} by edit distance, if it is close enough to be a typo of it. */
    static Optional<String> nearest(String key, Set<String> known) {
        return known.stream().map(k -> new Object[] {k, distance(key, k)})
                .filter(p -> (int) p[1] <= Math.max(1, Math.min(3, key.length() / 3)))
                .min(Comparator.comparingInt((Object[] p) -> (int) p[1]).thenComparing(p -> (String) p[0]))
                .map(p -> (String) p[0]);
    }

    /** Levenshtein distance, with a swap of two neighbours counted as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
