package io.edakit.operator.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import io.edakit.config.SecretFile;

/**
 * The bearer token of the operator API: {@code edakit.http.token}, or the one generated into
 * {@code edakit.http.token-file} at the first start. Only its digest is kept, and presented tokens
 * are compared in constant time, so neither timing nor a heap dump's strings give it away.
 */
public final class OperatorToken {

    /** Shorter tokens could be guessed by someone who may try often. */
    public static final int MIN_LENGTH = 16;

    private final byte[] digest;

    private OperatorToken(String token) {
        this.digest = sha256(token);
    }

    /** The configured token, or the generated one (created now if this is the first start). */
    public static OperatorToken resolve(OperatorAccessSettings settings) {
        return new OperatorToken(settings.token().orElseGet(() -> SecretFile.readOrCreate(settings.tokenFile(),
                "operator token")));
    }

    static OperatorToken of(String token) {
        return new OperatorToken(token);
    }

    /** Whether {@code presented} is the token; the time taken does not depend on how much of it matched. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(sha256(presented), digest);
    }

    /** Whether two secrets are equal, in constant time (null equals nothing). */
    static boolean equal(String expected, String presented) {
        return expected != null && presented != null && MessageDigest.isEqual(sha256(expected), sha256(presented));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
