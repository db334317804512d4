package io.edakit.workflow.durable;

import java.time.Instant;

/**
 * One entry of an execution's append-only history. The replayed kinds ({@link Kind#replayed()}) are
 * what the interpreter was fed, with the time it was fed them: an answer of a task, a timer that
 * fired. Replaying them in order rebuilds the execution exactly (the interpreter is deterministic);
 * the others are for people (who took it over, who asked it to stop, how it ended).
 *
 * @param seq    its position (store-assigned; 0 before it is stored)
 * @param ref    the task id or timer id it concerns, or null
 * @param detail the task's output (JSON text), its error's cause, an owner, or null
 * @param error  a failed task's ASL error name, or null
 */
public record WorkflowEvent(long seq, Kind kind, Instant at, String ref, String error, String detail) {

    public enum Kind {
        TASK_SUCCEEDED, TASK_FAILED, TIMER_FIRED,
        /** Taken over by another owner (detail: the owner), or resumed by an operator after parking (detail: so). */
        RESUMED,
        STOP_REQUESTED, ENDED,
        /** An operator redrove the ended execution (detail: the redrive's number, 1 for the first). */
        REDRIVEN,
        /** The runner threw while running the execution (error: the exception's class; detail: its message). */
        FAULT,
        /** Too many faults: the execution waits for an operator (detail: how many). */
        PARKED,
        /**
         * A call the execution stopped waiting for (ref: the task id; detail: its state and why: it
         * timed out, or its branch or iteration was stopped because the Parallel or Map around it
         * failed); an answer that comes later is not recorded. Written in the commit of the step that
         * cancelled it, so a replay, which cancels it again, never makes it again.
         */
        TASK_CANCELLED;

        public boolean replayed() {
            return this == TASK_SUCCEEDED || this == TASK_FAILED || this == TIMER_FIRED || this == REDRIVEN;
        }
    }

    public static WorkflowEvent of(Kind kind, Instant at, String ref, String error, String detail) {
        return new WorkflowEvent(0, kind, at, ref, error, detail);
    }
}
