package io.edakit.operator.access;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the access policy looks at in an HTTP request: the method, the peer's address as the
 * socket saw it (not a header), whether the connection is TLS, and the request headers.
 *
 * @param method  HTTP method, upper case
 * @param peer    the address the connection comes from; null when unknown (treated as remote)
 * @param tls     whether the request came over TLS (its own origin is then https)
 * @param headers header value by name (case-insensitive), null when absent
 */
public record AccessRequest(String method, InetAddress peer, boolean tls, Function<String, String> headers) {

    public AccessRequest {
        method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        Objects.requireNonNull(headers, "headers");
    }

    /** GET and HEAD read; every other method (POST, DELETE, PUT, PATCH, OPTIONS ...) counts as a change. */
    boolean changesSomething() {
        return !method.equals("GET") && !method.equals("HEAD");
    }

    String header(String name) {
        String value = headers.apply(name);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
