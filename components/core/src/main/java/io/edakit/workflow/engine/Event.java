package io.edakit.workflow.engine;

import com.fasterxml.jackson.databind.JsonNode;

/** What the driver feeds the interpreter: the answer to a call, a timer that fired, a redrive. */
public sealed interface Event {

    record TaskSucceeded(String taskId, JsonNode output) implements Event {
    }

    /** A failed call: {@code error} is the ASL error name (States.TaskFailed when the task named none). */
    record TaskFailed(String taskId, String error, String cause) implements Event {
    }

    record TimerFired(String timerId) implements Event {
    }

    /**
     * An operator redrove the ended (failed, timed-out or aborted) execution: it runs again from the
     * states that did not succeed, keeping what did (Step Functions' RedriveExecution).
     */
    record Redriven() implements Event {
    }
}
