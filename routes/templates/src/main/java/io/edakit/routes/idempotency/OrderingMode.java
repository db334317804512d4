package io.edakit.routes.idempotency;

import java.util.Locale;

/** What the idempotent consumer does with an event older than the last one handled in its scope. */
public enum OrderingMode {
    /** No stale-event guard. */
    OFF,
    /** Acknowledge it without handling, counted as dropped. */
    SKIP,
    /** Send it to the channel {@code <channel>.late} instead of the handler. */
    LATE;

    public static OrderingMode of(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
