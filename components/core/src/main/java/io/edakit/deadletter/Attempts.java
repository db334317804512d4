package io.edakit.deadletter;

import java.time.Instant;

import org.apache.camel.Exchange;

/**
 * Counts the attempts at processing one message and remembers when the first one failed, in
 * exchange properties, which survive the retries and the restoring of the original message
 * before dead-lettering.
 */
public final class Attempts {

    static final String COUNT = "EdakitAttempts";
    static final String FIRST_FAILURE = "EdakitFirstFailure";

    private Attempts() {
    }

    /** Called at the start of each attempt. */
    public static void started(Exchange exchange) {
        exchange.setProperty(COUNT, count(exchange) + 1);
    }

    /** Called when an attempt failed. */
    public static void failed(Exchange exchange) {
        if (exchange.getProperty(FIRST_FAILURE) == null) {
            exchange.setProperty(FIRST_FAILURE, Instant.now().toString());
        }
    }

    /** Records attempts made elsewhere (a delivery that retried on its own copies of the exchange). */
    public static void record(Exchange exchange, int attempts, Instant firstFailure) {
        exchange.setProperty(COUNT, attempts);
        exchange.setProperty(FIRST_FAILURE, firstFailure.toString());
    }

    /** Attempts so far; a message that failed before any attempt counts as one. */
    static int count(Exchange exchange) {
        return exchange.getProperty(COUNT, 0, Integer.class);
    }
}
