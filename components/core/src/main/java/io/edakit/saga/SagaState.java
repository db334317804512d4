package io.edakit.saga;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where a saga is. {@link #RUNNING}, {@link #COMPENSATING} and {@link #COMPLETING} are worked on by
 * the instance holding the saga's lease (and taken over by another when that lease lapses); the
 * other three are ends. {@link #NEEDS_ATTENTION} ends only until an operator retries or compensates.
 */
public enum SagaState {
    /** Actions run, one step after another. */
    RUNNING,
    /** A step failed or the saga timed out: the steps that started are compensated, last first. */
    COMPENSATING,
    /** Camel Saga EIP only: the route completed and the steps' completion endpoints are called. */
    COMPLETING,
    COMPLETED,
    COMPENSATED,
    /** A compensation (or completion) kept failing past its retries: parked for an operator. */
    NEEDS_ATTENTION;

    /** Whether an instance works on a saga in this state. */
    public boolean active() {
        return this == RUNNING || this == COMPENSATING || this == COMPLETING;
    }

    /** The name users read and type: {@code needs-attention}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static SagaState parse(String label) {
        for (SagaState state : values()) {
            if (state.label().equalsIgnoreCase(label) || state.name().equalsIgnoreCase(label)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown saga state '" + label + "'; one of "
                + Arrays.stream(values()).map(SagaState::label).collect(Collectors.joining(", ")));
    }
}
