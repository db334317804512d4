package io.edakit.operator.access;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a host as written in a setting or a {@code Host} header stays on this machine. Decided
 * without a DNS look-up: IP literals by their address, "localhost" by name, any other name as
 * reachable from elsewhere (the safe answer when unsure).
 */
public final class LoopbackHosts {

    private static final Pattern IPV4_LITERAL = Pattern.compile("[0-9.]+");
    private static final Pattern PORT_SUFFIX = Pattern.compile(":[0-9]*$");

    private LoopbackHosts() {
    }

    /** A bind address or host name: {@code 127.0.0.1}, {@code ::1}, {@code [::1]}, {@code localhost}. */
    public static boolean isLoopback(String host) {
        String name = host == null ? "" : host.trim().toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.equals("localhost") || name.equals("localhost.")) {
            return true;
        }
        if (!IPV4_LITERAL.matcher(name).matches() && !name.contains(":")) {
            return false; // a host name (or blank: every interface)
        }
        try {
            return InetAddress.getByName(name).isLoopbackAddress(); // a literal: parsed, not looked up
        } catch (UnknownHostException notAnAddress) {
            return false;
        }
    }

    /** The value of a {@code Host} header, with or without a port: {@code 127.0.0.1:8080}, {@code [::1]:8080}. */
    static boolean isLoopbackAuthority(String authority) {
        if (authority == null || authority.isBlank()) {
            return false;
        }
        String host = authority.trim();
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end > 0 && isLoopback(host.substring(0, end + 1));
        }
        return host.indexOf(':') == host.lastIndexOf(':') && isLoopback(PORT_SUFFIX.matcher(host).replaceFirst(""));
    }
}
