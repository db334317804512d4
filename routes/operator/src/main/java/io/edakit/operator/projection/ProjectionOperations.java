package io.edakit.operator.projection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.edakit.eventstore.JdbcEventStore;
import io.edakit.eventstore.StoredEvent;
import io.edakit.projection.ProjectionState;
import io.edakit.projection.ProjectionStore;
import io.edakit.projection.ResetTarget;

/**
 * What an operator does with projections, shared by {@code edakit projection} and the HTTP API:
 * list them with their lag, reset one.
 */
public final class ProjectionOperations {

    /**
     * A projection as listed: its row, the store's head, the time the list was made, and when the
     * oldest event it has not projected yet (the one after its checkpoint) was recorded (null: none).
     */
    public record Listed(ProjectionState state, long head, Instant now, Instant oldestUnprojected) {
        /** Events recorded after its checkpoint: the store's head position minus its checkpoint. */
        public long lag() {
            return Math.max(0, head - state.position());
        }

        /** How long the oldest event it has not projected yet has waited (0: none waits). */
        public Duration lagAge() {
            return oldestUnprojected == null || oldestUnprojected.isAfter(now) ? Duration.ZERO
                    : Duration.between(oldestUnprojected, now);
        }
    }

    /** No projection of that name. */
    public static final class UnknownProjectionException extends IllegalArgumentException {
        public UnknownProjectionException(String name) {
            super("no projection named '" + name + "'");
        }
    }

    private final JdbcEventStore events;
    private final ProjectionStore projections;
    private final Clock clock;

    public ProjectionOperations(JdbcEventStore events, ProjectionStore projections, Clock clock) {
        this.events = events;
        this.projections = projections;
        this.clock = clock;
    }

    /** Every projection with its lag; one point read by position more for each that lags. */
    public List<Listed> list() {
        long head = events.headPosition();
        Instant now = clock.instant();
        return projections.list().stream().map(state -> listed(state, head, now)).toList();
    }

    /**
     * Moves {@code name}'s checkpoint to {@code to} ({@link ResetTarget}: beginning, position:N or
     * time:T); the instance that claims it next replays from there.
     *
     * @throws IllegalArgumentException an unreadable target or a position past the head
     * @throws UnknownProjectionException no such projection
     */
    public Listed reset(String name, String to) {
        long position = ResetTarget.parse(to).position(events);
        if (!projections.reset(name, position)) {
            throw new UnknownProjectionException(name);
        }
        return listed(projections.find(name).orElseThrow(() -> new UnknownProjectionException(name)),
                events.headPosition(), clock.instant());
    }

    /** Positions are gap-free, so the oldest unprojected event is the one right after the checkpoint. */
    private Listed listed(ProjectionState state, long head, Instant now) {
        Instant oldest = null;
        if (head > state.position()) {
            List<StoredEvent> next = events.readAll(state.position(), 1);
            oldest = next.isEmpty() ? null : next.get(0).recordedAt();
        }
        return new Listed(state, head, now, oldest);
    }
}
