package io.edakit.eventstore;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An event to append.
 *
 * @param id        unique across the store: an id already stored is not stored again
 * @param type      the event type (the envelope's {@code ce_type})
 * @param revision  the revision of the type's data shape, 1 or more (upcasters convert older ones when read)
 * @param data      the payload, stored and published byte for byte
 * @param metadata  headers kept with the event and published with it (the {@code ce_*} envelope)
 * @param eventTime when it happened by its producer ({@code ce_time}); null: when it is recorded
 */
public record NewEvent(String id, String type, int revision, byte[] data, Map<String, String> metadata,
                       Instant eventTime) {

    public NewEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        metadata = Map.copyOf(metadata);
        if (id.isBlank() || type.isBlank()) {
            throw new IllegalArgumentException("an event needs an id and a type");
        }
        if (revision < 1) {
            throw new IllegalArgumentException("revision of " + id + " must be 1 or more, got " + revision);
        }
    }

    /** Revision 1, no metadata, recorded time as event time. */
    public static NewEvent of(String id, String type, byte[] data) {
        return new NewEvent(id, type, 1, data, Map.of(), null);
    }
}
