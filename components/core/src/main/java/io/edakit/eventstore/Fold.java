package io.edakit.eventstore;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How a stream's state follows from its events: the state so far and the next event give the next
 * state. The first event meets {@link com.fasterxml.jackson.databind.node.NullNode}.
 *
 * <p>A fold must be a pure function of its arguments: states are rebuilt from snapshots and from
 * the start alike and must come out the same. Snapshots are keyed by {@link #identity()}, so a fold
 * whose logic changes must change its identity (a new version string), and its old snapshots are
 * then ignored.
 */
public interface Fold {

    /** Names this fold's logic, for the snapshot key ("merge-patch", "jsonata:&lt;hash&gt;", "order-v2"). */
    String identity();

    /**
     * @param state the state before {@code event} (null node for the first)
     * @param data  the event's data, upcast to its type's latest revision
     * @param event the event as stored (type, version, times, metadata)
     */
    JsonNode apply(JsonNode state, JsonNode data, StoredEvent event);
}
