package io.edakit.workflow.engine;

import com.fasterxml.jackson.databind.JsonNode;

/** How an execution ended: its output when it succeeded, its error and cause otherwise. */
public record Outcome(Status status, JsonNode output, String error, String cause) {

    public enum Status { SUCCEEDED, FAILED, TIMED_OUT, ABORTED }

    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }
}
