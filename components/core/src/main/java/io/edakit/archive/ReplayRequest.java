package io.edakit.archive;

import java.time.Instant;
import java.util.Objects;

import io.edakit.eventpattern.EventAttributes;
import io.edakit.eventpattern.EventPattern;

/**
 * What a replay sends: the events of {@code archive} archived in {@code [from, to)} whose headers
 * match {@code filter} (null: all), in archive order, {@code rate} per second at most (null: as fast
 * as the target confirms), read {@code batch} at a time and its cursor stored every {@code batch}
 * confirmed events, with {@code inFlight} sends at most awaiting their confirmation (1: each waits
 * for the last, the archive order holds at any target). A resumed replay repeats at most
 * {@code batch - 1 + inFlight} sends (see {@link Replayer}).
 *
 * @param name the replay's name, carried by every event it sends ({@link ReplayHeaders#REPLAY})
 */
public record ReplayRequest(String name, String archive, Instant from, Instant to, EventPattern filter, Double rate,
                            int batch, int inFlight) {

    public ReplayRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the replay window is empty: from " + from + " is not before to " + to);
        }
        if (rate != null && !(rate > 0)) {
            throw new IllegalArgumentException("rate: expected a number of events per second above 0, got " + rate);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch: expected 1 or more, got " + batch);
        }
        if (inFlight < 1) {
            throw new IllegalArgumentException("in-flight: expected 1 or more, got " + inFlight);
        }
    }

    /** Whether the replay sends {@code event} (it is in the window: the archive read chose it). */
    public boolean selects(ArchivedEvent event) {
        return filter == null || filter.matches(EventAttributes.fromHeaders(event.headers()));
    }
}
