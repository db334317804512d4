package io.edakit.eventstore;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A stream's state as rebuilt, and how: the snapshot it started from and the events folded onto it.
 *
 * @param value           the state (a null node when no event was folded)
 * @param version         the version of the last event the state includes (0: none)
 * @param snapshotVersion the version of the snapshot it started from (0: folded from the first event)
 * @param snapshotTakenAt when that snapshot was written, or null
 * @param folded          the events folded onto the snapshot, in order
 */
public record State(String streamId, JsonNode value, long version, long snapshotVersion, Instant snapshotTakenAt,
                    List<Folded> folded) {

    /** One event folded into a state. */
    public record Folded(long version, long position, String type, int revision, Instant recordedAt, Instant eventTime) {
    }
}
