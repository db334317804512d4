package io.edakit.eventstore;

import java.time.Instant;

/** A stream's head: its version (events so far) and when its last append was recorded. */
public record StreamInfo(String streamId, long version, Instant createdAt, Instant updatedAt) {
}
