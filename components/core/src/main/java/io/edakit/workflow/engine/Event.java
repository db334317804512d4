package io.edakit.workflow.engine;

import com.fasterxml.jackson.databind.JsonNode;

/** What the driver feeds the interpreter: the answer to a call, or a timer that fired. */
public sealed interface Event {

    record TaskSucceeded(String taskId, JsonNode output) implements Event {
    }

    /** A failed call: {@code error} is the ASL error name (States.TaskFailed when the task named none). */
    record TaskFailed(String taskId, String error, String cause) implements Event {
    }

    record TimerFired(String timerId) implements Event {
    }
}
