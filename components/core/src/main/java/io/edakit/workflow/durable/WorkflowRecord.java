package io.edakit.workflow.durable;

import java.time.Instant;

/**
 * One execution's row in the {@link WorkflowStore}: what it runs, its input (JSON text), how it
 * stands, who holds it, and how it ended (output JSON text, or error and cause) once it did.
 * {@code faults}: the times in a row the runner threw while running it (see {@link FaultPolicy});
 * a parked execution's error and cause are its last fault's.
 *
 * @param redriveCount how often an operator redrove it after it failed, timed out or was aborted
 */
public record WorkflowRecord(String id, String workflow, WorkflowStatus status, String input, Instant startedAt,
                             Instant updatedAt, String owner, boolean outcomePublished, String output, String error,
                             String cause, int redriveCount, int faults) {

    /** A new execution, running and held by {@code owner}. */
    public static WorkflowRecord starting(String id, String workflow, String input, Instant at, String owner) {
        return new WorkflowRecord(id, workflow, WorkflowStatus.RUNNING, input, at, at, owner, false, null, null, null, 0, 0);
    }
}
