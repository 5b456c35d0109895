package io.devstack.core.compose;

import io.devstack.core.stack.PortMapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Parses compose {@code ports:} entries, short ({@code [IP:][HOST:]CONTAINER[/PROTO]}, ranges) and long syntax. */
final class PortSyntax {
    private PortSyntax() {
    }

    static List<PortMapping> parse(YamlNode entry) {
        if (entry.isMap()) {
            return parseLong(entry);
        }
        String text = entry.string().strip();
        String protocol = "tcp";
        int slash = text.lastIndexOf('/');
        if (slash >= 0) {
            protocol = protocol(entry, text.substring(slash + 1));
            text = text.substring(0, slash);
        }
        String ip = null;
        if (text.startsWith("[")) {
            int close = text.indexOf("]:");
            if (close < 0) {
                throw entry.fail("malformed IPv6 address in \"" + entry.string() + "\"; write [::1]:8080:80");
            }
            ip = text.substring(1, close);
            text = text.substring(close + 2);
        }
        String[] parts = text.split(":", -1);
        String host;
        String container;
        if (parts.length == 1) {
            host = null;
            container = parts[0];
        } else if (parts.length == 2) {
            host = parts[0];
            container = parts[1];
        } else if (parts.length == 3 && ip == null) {
            ip = parts[0];
            host = parts[1];
            container = parts[2];
        } else {
            throw entry.fail("expected [IP:][HOST:]CONTAINER[/PROTOCOL] but found \"" + entry.string() + "\"");
        }
        return expand(entry, ip, host, container, protocol);
    }

    private static List<PortMapping> parseLong(YamlNode entry) {
        Map<String, YamlNode> map = entry.map();
        YamlNode target = map.get("target");
        if (target == null) {
            throw entry.fail("a port in long syntax needs target: (the container port)");
        }
        String ip = map.containsKey("host_ip") ? map.get("host_ip").string() : null;
        String published = map.containsKey("published") ? map.get("published").string() : null;
        String protocol = map.containsKey("protocol") ? protocol(map.get("protocol"), map.get("protocol").string()) : "tcp";
        return expand(entry, ip, published, target.string(), protocol);
    }

    private static String protocol(YamlNode where, String protocol) {
        String p = protocol.toLowerCase(java.util.Locale.ROOT);
        if (!p.equals("tcp") && !p.equals("udp") && !p.equals("sctp")) {
            throw where.fail("unknown protocol \"" + protocol + "\"; use tcp, udp or sctp");
        }
        return p;
    }

    private static List<PortMapping> expand(YamlNode entry, String ip, String host, String container, String protocol) {
        String hostIp = ip == null || ip.isBlank() ? PortMapping.DEFAULT_HOST_IP : ip;
        int[] containerRange = range(entry, container, "container port");
        int[] hostRange = host == null || host.isBlank() ? null : range(entry, host, "host port");
        int count = containerRange[1] - containerRange[0] + 1;
        if (hostRange != null && hostRange[1] - hostRange[0] + 1 != count) {
            throw entry.fail("host range " + host + " and container range " + container
                    + " differ in length; give both the same number of ports");
        }
        List<PortMapping> result = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Integer published = hostRange == null ? null : hostRange[0] + i;
            result.add(new PortMapping(hostIp, published, containerRange[0] + i, protocol));
        }
        return result;
    }

    private static int[] range(YamlNode entry, String text, String what) {
        String[] bounds = text.strip().split("-", -1);
        try {
            int from = Integer.parseInt(bounds[0]);
            int to = bounds.length == 2 ? Integer.parseInt(bounds[1]) : from;
            if (bounds.length > 2 || from < 1 || to > 65535 || to < from) {
                throw new NumberFormatException();
            }
            return new int[] {from, to};
        } catch (NumberFormatException e) {
            throw entry.fail("invalid " + what + " \"" + text + "\"; expected a number 1-65535 or a range like 8000-8002");
        }
    }
}
