package io.edakit.fairness;

import java.util.Locale;

/** What a message costs its tenant in the scheduler's accounts. */
public enum CostMode {

    /** The time from release to settlement: a slow tenant pays for the consumers it holds (the default). */
    HANDLER_TIME,
    /** One per message, whatever it took. */
    COUNT;

    /** {@code handler-time} or {@code count}, as configuration writes it. */
    public static CostMode parse(String value) {
        String word = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return switch (word) {
            case "", "handler-time" -> HANDLER_TIME;
            case "count" -> COUNT;
            default -> throw new IllegalArgumentException("expected handler-time or count, was '" + value + "'");
        };
    }
}
