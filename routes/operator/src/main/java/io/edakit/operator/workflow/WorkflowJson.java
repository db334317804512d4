package io.edakit.operator.workflow;

import java.util.List;

import io.edakit.workflow.durable.WorkflowEvent;
import io.edakit.workflow.durable.WorkflowRecord;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;

/** Workflow executions as JSON, for the HTTP API and {@code --json} in the CLI. */
public final class WorkflowJson {

    private WorkflowJson() {
    }

    public static JsonArray executions(List<WorkflowRecord> executions) {
        JsonArray array = new JsonArray();
        executions.forEach(execution -> array.add(execution(execution)));
        return array;
    }

    public static JsonObject execution(WorkflowRecord execution) {
        JsonObject json = new JsonObject();
        json.put("id", execution.id());
        json.put("workflow", execution.workflow());
        json.put("status", execution.status().label());
        json.put("startedAt", execution.startedAt().toString());
        json.put("updatedAt", execution.updatedAt().toString());
        json.put("owner", execution.owner());
        json.put("redriveCount", execution.redriveCount());
        json.put("faults", execution.faults());
        return json;
    }

    /** The execution with its input, and its output or error once it ended (a parked one's: its last fault). */
    public static JsonObject detail(WorkflowRecord execution) {
        JsonObject json = execution(execution);
        json.put("input", execution.input());
        if (execution.output() != null) {
            json.put("output", execution.output());
        }
        if (execution.error() != null) {
            json.put("error", execution.error());
            json.put("cause", execution.cause());
        }
        return json;
    }

    /** A callback task as an answer to it leaves it (never its token). */
    public static JsonObject callbackTask(io.edakit.workflow.durable.CallbackTask task) {
        JsonObject json = new JsonObject();
        json.put("executionId", task.executionId());
        json.put("state", task.state());
        json.put("attempt", task.attempt());
        json.put("status", task.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        json.put("heartbeatAt", task.heartbeatAt().toString());
        return json;
    }

    public static JsonArray history(List<WorkflowEvent> events) {
        JsonArray array = new JsonArray();
        for (WorkflowEvent event : events) {
            JsonObject entry = new JsonObject();
            entry.put("seq", event.seq());
            entry.put("at", event.at().toString());
            entry.put("event", event.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            if (event.ref() != null) {
                entry.put("ref", event.ref());
            }
            if (event.error() != null) {
                entry.put("error", event.error());
            }
            if (event.detail() != null) {
                entry.put("detail", event.detail());
            }
            array.add(entry);
        }
        return array;
    }
}
