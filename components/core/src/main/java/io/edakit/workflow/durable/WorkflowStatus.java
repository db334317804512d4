package io.edakit.workflow.durable;

import io.edakit.workflow.engine.Outcome;

/** Where a durable execution stands: running, or how it ended. */
public enum WorkflowStatus {
    RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED;

    /** The name of its outcome event ({@code succeeded}, {@code timed-out}, ...). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public boolean ended() {
        return this != RUNNING;
    }

    public static WorkflowStatus of(Outcome.Status status) {
        return valueOf(status.name());
    }
}
