package io.edakit.workflow.durable;

/** Publishes the event that says how an execution ended (succeeded, failed, timed-out, aborted). */
@FunctionalInterface
public interface WorkflowOutcomes {

    /** Throws when the event could not be published; the runner tries again later. */
    void publish(WorkflowRecord execution);

    WorkflowOutcomes NONE = execution -> { };
}
