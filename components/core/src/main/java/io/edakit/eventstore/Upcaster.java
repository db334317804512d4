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
     * fold's expression is with no state. An answer of nothing (undefined, as a path to a field the
     * old data lacks is; or null, which the JSONata library answers alike) fails the read naming the
     * upcaster: taken as null data, a merge-patch fold would have replaced the whole state with null.
     */
    public static Upcaster jsonata(String eventType, int fromRevision, String expression) {
        JsonataFold fold = new JsonataFold(expression);
        // the expression sees no event: the upcaster is given the data only
        StoredEvent none = new StoredEvent(0, "", 0, "", eventType, fromRevision, new byte[0], java.util.Map.of(),
                java.time.Instant.EPOCH, java.time.Instant.EPOCH);
        return new Upcaster(eventType, fromRevision, "jsonata:" + expression, data -> {
            JsonNode upcast;
            try {
                upcast = fold.apply(null, data, none);
            } catch (IllegalStateException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw new IllegalStateException(named(eventType, fromRevision, expression) + " failed: "
                        + cause.getMessage(), cause);
            }
            if (upcast == null) {
                throw new IllegalStateException(named(eventType, fromRevision, expression) + " answered nothing "
                        + "(undefined or null) for an event's data: it must answer revision " + (fromRevision + 1)
                        + "'s data");
            }
            return upcast;
        });
    }

    private static String named(String eventType, int fromRevision, String expression) {
        return "upcaster " + eventType + "@" + fromRevision + " (JSONata '" + expression + "')";
    }
}
