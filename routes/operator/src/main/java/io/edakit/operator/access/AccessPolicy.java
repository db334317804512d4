package io.edakit.operator.access;

import java.util.List;
import java.util.Locale;

/**
 * Who may use the operator API ({@code /edakit/...}):
 * <ul>
 *   <li>a cross-origin request (a browser page of another origin: {@code Origin} not this server's,
 *       {@code Sec-Fetch-Site} other than same-origin or none) is refused, 403, token or not: a page
 *       the operator happens to have open must not act with the operator's access;</li>
 *   <li>a request that changes something (any method but GET and HEAD) needs the operator token,
 *       {@code Authorization: Bearer <token>}, from every caller, loopback too (401 without it or
 *       with a wrong one), and no body type a plain HTML form can send (415);</li>
 *   <li>reads are open to local callers: a loopback peer, talking to a loopback host name (so a DNS
 *       rebinding page cannot pass as one), not relayed by a proxy; other callers need the token.</li>
 *   <li>a console session ({@link ConsoleSessions}: the cookie a login with the token gave) counts as
 *       holding the token, for a change only together with the session's CSRF token header.</li>
 * </ul>
 */
public final class AccessPolicy {

    private static final String AUTHORIZATION = "Authorization";
    private static final String BEARER = "bearer ";
    /** A reverse proxy on this host makes every caller look local; these say the caller is elsewhere. */
    private static final List<String> RELAY_HEADERS = List.of("Forwarded", "X-Forwarded-For", "X-Forwarded-Host",
            "X-Real-IP");

    private final OperatorToken token;
    private final ConsoleSessions sessions;

    public AccessPolicy(OperatorToken token, ConsoleSessions sessions) {
        this.token = token;
        this.sessions = sessions;
    }

    public AccessDecision decide(AccessRequest request) {
        String crossOrigin = crossOrigin(request);
        if (crossOrigin != null) {
            return AccessDecision.forbidden(crossOrigin);
        }
        if (request.changesSomething()) {
            if (!hasToken(request)) {
                return AccessDecision.unauthorized(missingToken(request));
            }
            return bodyType(request);
        }
        if (isLocal(request) || hasToken(request)) {
            return AccessDecision.ALLOWED;
        }
        return AccessDecision.unauthorized(missingToken(request));
    }

    /** Whether the caller may see this process's identity (user, directories, pid): local, or holding the token. */
    public boolean seesProcessDetails(AccessRequest request) {
        return crossOrigin(request) == null && (isLocal(request) || hasToken(request));
    }

    /** Why the request comes from a page of another origin, or null when it does not. */
    private static String crossOrigin(AccessRequest request) {
        String site = request.header("Sec-Fetch-Site");
        if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
            return "cross-origin requests are refused (Sec-Fetch-Site: " + site + ")";
        }
        String origin = request.header("Origin");
        if (origin == null) {
            return null;
        }
        String host = request.header("Host");
        String own = host == null ? null : (request.tls() ? "https://" : "http://") + host.toLowerCase(Locale.ROOT);
        return origin.toLowerCase(Locale.ROOT).equals(own) ? null
                : "cross-origin requests are refused (Origin: " + origin + ")";
    }

    private static boolean isLocal(AccessRequest request) {
        return request.peer() != null && request.peer().isLoopbackAddress()
                && LoopbackHosts.isLoopbackAuthority(request.header("Host"))
                && RELAY_HEADERS.stream().noneMatch(name -> request.header(name) != null);
    }

    private boolean hasToken(AccessRequest request) {
        return hasBearer(request) || hasSession(request);
    }

    /** A session cookie; a change also needs the session's CSRF token, which only the console's own page knows. */
    private boolean hasSession(AccessRequest request) {
        return sessions.find(request.header("Cookie")).filter(session -> !request.changesSomething()
                || OperatorToken.equal(session.csrf(), request.header(ConsoleSessions.CSRF_HEADER))).isPresent();
    }

    private boolean hasBearer(AccessRequest request) {
        String authorization = request.header(AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && token.matches(authorization.substring(BEARER.length()).trim());
    }

    private String missingToken(AccessRequest request) {
        String what = request.changesSomething() ? "this operation" : "reading from another host";
        if (request.changesSomething() && sessions.find(request.header("Cookie")).isPresent()) {
            return "a change made from a console session needs the session's " + ConsoleSessions.CSRF_HEADER + " header";
        }
        return request.header(AUTHORIZATION) == null
                ? what + " needs the operator token: send 'Authorization: Bearer <token>' (edakit.http.token, "
                        + "or the file edakit.http.token-file names)"
                : "the operator token sent is not the right one";
    }

    private static AccessDecision bodyType(AccessRequest request) {
        String type = request.header("Content-Type");
        String media = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (media.isEmpty() || media.equals("application/json")) {
            return AccessDecision.ALLOWED;
        }
        // HTML forms send url-encoded, multipart or text/plain bodies without a CORS preflight
        return AccessDecision.unsupportedMediaType("operator requests take their parameters in the query string: "
                + "send no body, or application/json, not " + media);
    }
}
