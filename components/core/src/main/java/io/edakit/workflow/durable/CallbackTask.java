package io.edakit.workflow.durable;

import java.time.Instant;

/**
 * One callback task's row in the {@link CallbackStore}: which attempt of which state its token
 * belongs to, whether it still waits, and its answer once one came.
 *
 * @param deadline      when TimeoutSeconds runs out, or null for none
 * @param heartbeatMillis HeartbeatSeconds in milliseconds, or 0 for none
 * @param heartbeatAt   the last heartbeat (the opening counts as one)
 * @param answerError   the error of a failure answer; null for a success (or no answer)
 * @param answerOutput  the output (JSON text) of a success answer
 * @param closedReason  why the runner stopped waiting (timed out, cancelled), or null
 * @param closedAt      when it was answered or closed, or null while it waits
 */
public record CallbackTask(String tokenHash, String executionId, String taskId, String state, int attempt, Status status,
                           Instant openedAt, Instant deadline, long heartbeatMillis, Instant heartbeatAt,
                           String answerError, String answerOutput, String answerCause, String closedReason,
                           Instant closedAt) {

    public enum Status {
        /** The request went out; an answer or a heartbeat is accepted. */
        WAITING,
        /** An answer was accepted; the runner holding the execution applies it. */
        ANSWERED,
        /** The answer was applied. */
        DONE,
        /** The runner ended it: TimeoutSeconds, HeartbeatSeconds, or a request that could not be sent. */
        TIMED_OUT,
        /** The execution stopped waiting for it (a sibling branch failed, it timed out or was stopped, it ended). */
        CANCELLED
    }

    /** Says how this attempt was settled, for a refused answer. */
    public String describe() {
        String which = "the task token of execution " + executionId + ", state '" + state + "', attempt " + attempt;
        return switch (status) {
            case WAITING -> which + " still waits for its answer";
            case ANSWERED, DONE -> which + " was answered at " + closedAt + " already";
            case TIMED_OUT -> which + " was closed at " + closedAt + ": " + closedReason;
            case CANCELLED -> which + " is no longer waited for (" + closedReason + ", at " + closedAt + ")";
        };
    }
}
