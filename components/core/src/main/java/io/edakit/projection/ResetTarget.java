package io.edakit.projection;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import io.edakit.eventstore.JdbcEventStore;

/**
 * Where a reset moves a projection's checkpoint: {@code beginning} (every event is handed again),
 * {@code position:N} (the events after global position N), or {@code time:T} (the events recorded
 * after T, an RFC 3339 time: the checkpoint becomes the last position recorded at or before T).
 */
public sealed interface ResetTarget {

    String USAGE = "expected beginning, position:N or time:T (an RFC 3339 time such as 2026-12-01T10:00:00Z)";

    /** The checkpoint this target stands for in {@code events} now. */
    long position(JdbcEventStore events);

    record Beginning() implements ResetTarget {
        @Override
        public long position(JdbcEventStore events) {
            return 0;
        }
    }

    record Position(long position) implements ResetTarget {
        @Override
        public long position(JdbcEventStore events) {
            long head = events.headPosition();
            if (position > head) {
                throw new IllegalArgumentException("position " + position + " is past the store's head (" + head + ")");
            }
            return position;
        }
    }

    record Time(Instant time) implements ResetTarget {
        @Override
        public long position(JdbcEventStore events) {
            return events.lastPositionRecordedBy(time);
        }
    }

    /** Reads {@code beginning}, {@code position:N} or {@code time:T}; a clear {@link IllegalArgumentException} otherwise. */
    static ResetTarget parse(String text) {
        String target = text == null ? "" : text.strip();
        if (target.equals("beginning")) {
            return new Beginning();
        }
        if (target.startsWith("position:")) {
            try {
                long position = Long.parseLong(target.substring("position:".length()).strip());
                if (position >= 0) {
                    return new Position(position);
                }
            } catch (NumberFormatException e) {
                // answered below
            }
        } else if (target.startsWith("time:")) {
            try {
                return new Time(OffsetDateTime.parse(target.substring("time:".length()).strip()).toInstant());
            } catch (DateTimeParseException e) {
                // answered below
            }
        }
        throw new IllegalArgumentException("reset to '" + target + "': " + USAGE);
    }
}
