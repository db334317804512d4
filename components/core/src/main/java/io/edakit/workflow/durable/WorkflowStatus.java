package io.edakit.workflow.durable;

import io.edakit.workflow.engine.Outcome;

/**
 * Where a durable execution stands: running, parked (its step threw in the runner too many times,
 * see {@link FaultPolicy}: no instance runs it until an operator acts), or how it ended.
 */
public enum WorkflowStatus {
    RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED, PARKED;

    /** The name of its outcome event ({@code succeeded}, {@code timed-out}, ...). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public boolean ended() {
        return this != RUNNING && this != PARKED;
    }

    public static WorkflowStatus of(Outcome.Status status) {
        return valueOf(status.name());
    }
}
