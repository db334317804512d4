package io.edakit.workflow.durable;

/**
 * Told what a {@link WorkflowRunner} does, for metrics: called on the runner's worker threads, so an
 * implementation must be quick and thread-safe (a meter registry's counters are). Replays of a
 * takeover are not reported again.
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

    WorkflowObserver NONE = new WorkflowObserver() {
    };
}
