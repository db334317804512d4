package io.edakit.deadletter;

/**
 * Headers a dead-lettered message gains, beside its untouched original headers and body. They
 * travel with the message (lower-case {@code edakit_} names), so operators can see why it failed,
 * filter on it, and send it back.
 */
public final class FailureHeaders {

    /** Prefix of the headers describing the failure (not the redrive count, which outlives it). */
    public static final String PREFIX = "edakit_failure_";

    /** Channel the message was consumed from; redrive sends it back there by default. */
    public static final String CHANNEL = "edakit_failure_channel";
    /** Subscriber group of the consumer, when it was one. */
    public static final String GROUP = "edakit_failure_group";
    /** The target that failed, when a bus delivered to several (a channel name or an endpoint URI). */
    public static final String TARGET = "edakit_failure_target";
    /** Route id of the template instance that failed. */
    public static final String ROUTE = "edakit_failure_route";
    /** Class name of the exception that made the message fail. */
    public static final String EXCEPTION = "edakit_failure_exception";
    /** The exception's message. */
    public static final String MESSAGE = "edakit_failure_message";
    /** How often processing was attempted (first try plus retries). */
    public static final String ATTEMPTS = "edakit_failure_attempts";
    /** When the first attempt failed (ISO-8601). */
    public static final String FIRST_FAILURE = "edakit_failure_first_time";
    /** When the last attempt failed (ISO-8601). */
    public static final String LAST_FAILURE = "edakit_failure_last_time";
    /** Which application instance dead-lettered it. */
    public static final String INSTANCE = "edakit_failure_instance";
    /** How often the message has been sent back from a dead-letter channel. */
    public static final String REDRIVE_COUNT = "edakit_redrive_count";

    private FailureHeaders() {
    }
}
