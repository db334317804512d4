package io.edakit.failure;

/**
 * A message that can never be processed as it is (unparseable payload, missing envelope
 * attribute, schema violation): retrying is pointless, so it goes straight to the dead-letter
 * channel. Handlers may throw it too.
 */
public class PoisonMessageException extends RuntimeException {

    public PoisonMessageException(String message) {
        super(message);
    }

    public PoisonMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
