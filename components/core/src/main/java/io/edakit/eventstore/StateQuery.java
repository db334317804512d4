package io.edakit.eventstore;

import java.time.Instant;
import java.util.Objects;

/**
 * Which state of a stream to rebuild: the latest, the one after version n, or the one at a time.
 *
 * @param version the last version to fold, or null for no bound
 * @param at      fold only events at or before this time, or null for no bound
 * @param basis   which time {@code at} means
 */
public record StateQuery(Long version, Instant at, TimeBasis basis) {

    /** What "at T" compares with. */
    public enum TimeBasis {
        /** When the store committed the event (the default): monotonic along the stream. */
        RECORDED,
        /** When it happened by its producer ({@code ce_time}); events may arrive late, out of this order. */
        EVENT
    }

    public StateQuery {
        Objects.requireNonNull(basis, "basis");
        if (version != null && version < 0) {
            throw new IllegalArgumentException("a version is 0 or more, got " + version);
        }
    }

    public static StateQuery latest() {
        return new StateQuery(null, null, TimeBasis.RECORDED);
    }

    public static StateQuery atVersion(long version) {
        return new StateQuery(version, null, TimeBasis.RECORDED);
    }

    public static StateQuery at(Instant time, TimeBasis basis) {
        return new StateQuery(null, Objects.requireNonNull(time, "time"), basis);
    }
}
