package io.edakit.operator.projection;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.edakit.eventstore.JdbcEventStore;
import io.edakit.projection.ProjectionState;
import io.edakit.projection.ProjectionStore;
import io.edakit.projection.ResetTarget;

/**
 * What an operator does with projections, shared by {@code edakit projection} and the HTTP API:
 * list them with their lag, reset one.
 */
public final class ProjectionOperations {

    /** A projection as listed: its row, the store's head, and the time the list was made. */
    public record Listed(ProjectionState state, long head, Instant now) {
        public long lag() {
            return Math.max(0, head - state.position());
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

    public List<Listed> list() {
        long head = events.headPosition();
        Instant now = clock.instant();
        return projections.list().stream().map(state -> new Listed(state, head, now)).toList();
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
        return new Listed(projections.find(name).orElseThrow(() -> new UnknownProjectionException(name)),
                events.headPosition(), clock.instant());
    }
}
