package io.edakit.workflow.durable;

import java.util.Optional;

/**
 * Told what a {@link WorkflowRunner} does, for metrics and traces: called on the runner's worker
 * threads (and, for {@link #held}, on the thread that started the execution), so an implementation
 * must be quick and thread-safe (a meter registry's counters are). Replays of a takeover are not
 * reported again.
 */
public interface WorkflowObserver {

    /** {@code states} states were entered in one step (Pass and Choice states included). */
    default void transitions(int states) {
    }

    /** An execution this instance ran ended so (its ending committed). */
    default void ended(WorkflowStatus status) {
    }

    /** A timer (a Wait, a retry's backoff, a timeout) was handled {@code lagMillis} after it was due. */
    default void timerFired(long lagMillis) {
    }

    /** An execution was parked after too many faults in a row. */
    default void parked() {
    }

    /**
     * This instance runs the execution from now on: it started it, resumed it after a restart or a
     * redrive, or took it over. Each is followed by one {@link #released} for the same id.
     */
    default void held(String executionId, String workflow) {
    }

    /**
     * This instance no longer runs the execution: it ended ({@code ended} says how), or it let it go
     * still running (stopped by an operator, taken over, parked after faults, the runner closing).
     */
    default void released(String executionId, Optional<WorkflowStatus> ended) {
    }

    WorkflowObserver NONE = new WorkflowObserver() {
    };

    /** Tells {@code first}, then {@code second}. */
    static WorkflowObserver both(WorkflowObserver first, WorkflowObserver second) {
        if (first == NONE) {
            return second;
        }
        return new WorkflowObserver() {
            @Override
            public void transitions(int states) {
                first.transitions(states);
                second.transitions(states);
            }

            @Override
            public void ended(WorkflowStatus status) {
                first.ended(status);
                second.ended(status);
            }

            @Override
            public void timerFired(long lagMillis) {
                first.timerFired(lagMillis);
                second.timerFired(lagMillis);
            }

            @Override
            public void parked() {
                first.parked();
                second.parked();
            }

            @Override
            public void held(String executionId, String workflow) {
                first.held(executionId, workflow);
                second.held(executionId, workflow);
            }

            @Override
            public void released(String executionId, Optional<WorkflowStatus> ended) {
                first.released(executionId, ended);
                second.released(executionId, ended);
            }
        };
    }
}
