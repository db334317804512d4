package io.edakit.workflow.engine;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the interpreter asks its driver to do after a step. The driver records a command before it
 * carries it out (a durable driver: in the same commit as the step that produced it), so a task call
 * is on record before it is made.
 */
public sealed interface Command {

    /**
     * Call a task. {@code taskId} is stable across replays and retries are new ids: a driver that
     * re-sends an unanswered call after a crash sends the same id, so participants can be idempotent.
     *
     * @param timeoutMillis   the task's TimeoutSeconds in milliseconds, or 0 for none (for a request-reply
     *                        task the interpreter also starts a timer for it: the driver need not enforce it)
     * @param taskToken       a callback task's token ({@link TaskTokens}), or null for a request-reply task
     * @param heartbeatMillis a callback task's HeartbeatSeconds in milliseconds, or 0 for none
     */
    record InvokeTask(String taskId, String executionId, String state, String resource, JsonNode input, int attempt,
                      long timeoutMillis, String taskToken, long heartbeatMillis) implements Command {

        /**
         * A callback task ({@code .waitForTaskToken}): the driver sends the request one way and waits for
         * an answer sent with {@link #taskToken}. It enforces {@link #timeoutMillis} and
         * {@link #heartbeatMillis} itself, answering {@link Event.TaskFailed} with States.Timeout or
         * States.HeartbeatTimeout, because only it sees heartbeats and can settle a race between a
         * timeout and an answer in one transaction.
         */
        public boolean callback() {
            return taskToken != null;
        }
    }

    /**
     * Forget a call: its state timed out, or its branch or iteration was stopped (the Parallel or Map
     * around it failed, the execution timed out); its answer, if any, will be ignored. A driver does
     * not make a call that is cancelled in the step (or batch of steps) that asked for it.
     *
     * @param state  the Task state that made the call
     * @param reason why, for people ("timed out", "stopped: Map 'Each' failed")
     */
    record CancelTask(String taskId, String state, String reason) implements Command {
    }

    /** Fire {@link Event.TimerFired} with {@code timerId} at {@code fireAt} (or at once if that is past). */
    record StartTimer(String timerId, Instant fireAt, TimerPurpose purpose) implements Command {
    }

    record CancelTimer(String timerId) implements Command {
    }

    /** The execution ended; nothing follows. */
    record Finish(Outcome outcome) implements Command {
    }

    /** Why a timer runs, for metrics and for people reading a history. */
    enum TimerPurpose { WAIT, RETRY_BACKOFF, TASK_TIMEOUT, EXECUTION_TIMEOUT }
}
