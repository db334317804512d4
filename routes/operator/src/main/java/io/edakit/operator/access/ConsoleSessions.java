package io.edakit.operator.access;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's logins: a session is opened by presenting the operator token once, and then named
 * by a random cookie value the browser sends by itself. Because the browser sends it by itself, a
 * change made with a session needs a second value the page has to send on purpose, the session's
 * CSRF token ({@value #CSRF_HEADER}), which another site's page can neither read nor guess.
 *
 * <p>Sessions live in memory only: a restart of the instance logs everyone out, which costs a login
 * and spares a file of credentials. Both values are 256 random bits; a session ends {@code ttl}
 * after it was opened (not extended by use, so a stolen cookie is worth a bounded time).
 */
public final class ConsoleSessions {

    /** The cookie naming the session. */
    public static final String COOKIE = "edakit_session";
    /** The request header carrying the session's CSRF token on every change. */
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Clock clock;

    public ConsoleSessions(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    /** A session's cookie value, its CSRF token and when it ends. */
    public record Session(String id, String csrf, Instant expires) {
    }

    public Duration ttl() {
        return ttl;
    }

    /** Opens a session (the caller has shown the operator token). */
    public Session open() {
        Instant now = clock.instant();
        sessions.values().removeIf(session -> !session.expires().isAfter(now)); // logins are rare: sweep here
        Session session = new Session(random(), random(), now.plus(ttl));
        sessions.put(session.id(), session);
        return session;
    }

    /** The unexpired session the request's cookie names, if any. */
    public Optional<Session> find(String cookieHeader) {
        String id = cookieValue(cookieHeader);
        Session session = id == null ? null : sessions.get(id);
        if (session == null) {
            return Optional.empty();
        }
        if (!session.expires().isAfter(clock.instant())) {
            sessions.remove(id);
            return Optional.empty();
        }
        return Optional.of(session);
    }

    public void close(String cookieHeader) {
        String id = cookieValue(cookieHeader);
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** The Set-Cookie value for {@code session}; {@code Secure} when the console is served over HTTPS. */
    public String cookie(Session session, boolean tls) {
        return COOKIE + "=" + session.id() + "; Path=/; Max-Age=" + ttl.toSeconds() + "; HttpOnly; SameSite=Strict"
                + (tls ? "; Secure" : "");
    }

    /** The Set-Cookie value that removes the cookie. */
    public static String expiredCookie(boolean tls) {
        return COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (tls ? "; Secure" : "");
    }

    static String cookieValue(String cookieHeader) {
        if (cookieHeader == null) {
            return null;
        }
        for (String pair : cookieHeader.split(";")) {
            String trimmed = pair.trim();
            if (trimmed.startsWith(COOKIE + "=")) {
                String value = trimmed.substring(COOKIE.length() + 1);
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
