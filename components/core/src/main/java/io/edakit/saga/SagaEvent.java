package io.edakit.saga;

import java.time.Instant;
import java.util.Locale;

/**
 * One entry of a saga's timeline, the append-only record its progress is rebuilt from after a
 * crash. {@code stepId} and {@code attempt} are empty (null, 0) for events of the whole saga.
 *
 * @param seq    order in the log (assigned by the log; 0 before it is written)
 * @param detail error text, new state, or (for a Camel saga's enlisted step) the step's endpoints
 */
public record SagaEvent(long seq, String stepId, Kind kind, int attempt, Instant at, String detail) {

    public enum Kind {
        STARTED,
        /** Another instance took the saga over after its owner's lease lapsed. */
        RESUMED,
        STATE,
        TIMED_OUT,
        ACTION_STARTED,
        ACTION_SUCCEEDED,
        ACTION_FAILED,
        COMPENSATION_STARTED,
        COMPENSATION_SUCCEEDED,
        COMPENSATION_FAILED,
        /** Camel Saga EIP: a route joined the saga with its compensation and completion endpoints. */
        STEP_ENLISTED,
        COMPLETION_STARTED,
        COMPLETION_SUCCEEDED,
        COMPLETION_FAILED,
        /** An operator asked for compensation: attempt counts start again from here. */
        OPERATOR_COMPENSATE,
        /** An operator asked to retry a parked saga: attempt counts start again from here. */
        OPERATOR_RETRY;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public static SagaEvent of(Kind kind, Instant at) {
        return new SagaEvent(0, null, kind, 0, at, null);
    }

    public static SagaEvent step(Kind kind, String stepId, int attempt, Instant at, String detail) {
        return new SagaEvent(0, stepId, kind, attempt, at, detail);
    }
}
