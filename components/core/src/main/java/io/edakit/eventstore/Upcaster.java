package io.edakit.eventstore;

import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Converts the data of one event type from one revision to the next when it is read, so that
 * streams written with an older shape stay readable by a fold that knows only the latest. Stored
 * events are never rewritten.
 *
 * @param eventType    the type it converts
 * @param fromRevision the revision it reads; it answers revision {@code fromRevision + 1}
 * @param identity     names the conversion's logic, for the snapshot key (change it when the logic changes)
 * @param convert      the conversion, a pure function
 */
public record Upcaster(String eventType, int fromRevision, String identity, UnaryOperator<JsonNode> convert) {

    public Upcaster {
        if (fromRevision < 1) {
            throw new IllegalArgumentException("an upcaster reads revision 1 or more, got " + fromRevision);
        }
    }

    /**
     * An upcaster written as a JSONata expression over the old data (its input), evaluated as a
     * fold's expression is with no state; an undefined answer is null data.
     */
    public static Upcaster jsonata(String eventType, int fromRevision, String expression) {
        JsonataFold fold = new JsonataFold(expression);
        // the expression sees no event: the upcaster is given the data only
        StoredEvent none = new StoredEvent(0, "", 0, "", eventType, fromRevision, new byte[0], java.util.Map.of(),
                java.time.Instant.EPOCH, java.time.Instant.EPOCH);
        return new Upcaster(eventType, fromRevision, "jsonata:" + expression, data -> {
            try {
                return fold.apply(null, data, none);
            } catch (IllegalStateException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw new IllegalStateException("upcaster " + eventType + "@" + fromRevision + " (JSONata '" + expression
                        + "') failed: " + cause.getMessage(), cause);
            }
        });
    }
}
