package io.edakit.operator.access;

/**
 * The answer of the access policy: allowed, or the HTTP status, error word and reason a refused
 * caller gets.
 */
public record AccessDecision(int status, String error, String message) {

    static final AccessDecision ALLOWED = new AccessDecision(200, "", "");

    public boolean allowed() {
        return status == 200;
    }

    static AccessDecision unauthorized(String message) {
        return new AccessDecision(401, "unauthorized", message);
    }

    static AccessDecision forbidden(String message) {
        return new AccessDecision(403, "forbidden", message);
    }

    static AccessDecision unsupportedMediaType(String message) {
        return new AccessDecision(415, "unsupported-media-type", message);
    }
}
