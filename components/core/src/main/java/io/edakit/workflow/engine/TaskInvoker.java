package io.edakit.workflow.engine;

import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Calls a Task state's resource. Asynchronous, so a driver can record the call before it is made and
 * the answer before it is handed to the interpreter. A failed stage (or a {@link TaskResult} with an
 * error) is the task's failure; an exception's message becomes the cause under States.TaskFailed.
 */
@FunctionalInterface
public interface TaskInvoker {

    CompletionStage<TaskResult> invoke(Command.InvokeTask call);

    /** A task's answer: its output, or an ASL error name and cause. */
    record TaskResult(JsonNode output, String error, String cause) {

        public static TaskResult success(JsonNode output) {
            return new TaskResult(output, null, null);
        }

        public static TaskResult failure(String error, String cause) {
            return new TaskResult(null, error == null ? "States.TaskFailed" : error, cause);
        }

        public boolean failed() {
            return error != null;
        }
    }
}
