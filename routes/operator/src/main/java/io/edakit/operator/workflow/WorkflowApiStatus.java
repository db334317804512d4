package io.edakit.operator.workflow;

import io.edakit.workflow.durable.WorkflowStatus;

/** A status as operators write it ({@code timed-out}), for the CLI's and the API's filters. */
public final class WorkflowApiStatus {

    private WorkflowApiStatus() {
    }

    public static WorkflowStatus parse(String label) {
        for (WorkflowStatus status : WorkflowStatus.values()) {
            if (status.label().equals(label)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown status '" + label
                + "': running, succeeded, failed, timed-out, aborted or parked");
    }
}
