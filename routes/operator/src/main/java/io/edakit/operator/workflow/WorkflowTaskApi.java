package io.edakit.operator.workflow;

import io.edakit.operator.access.OperatorApi;
import io.edakit.routes.support.JsonResponses;
import io.edakit.routes.workflow.WorkflowRunners;
import io.edakit.workflow.durable.CallbackTask;
import io.edakit.workflow.durable.TaskCallbacks;
import io.edakit.workflow.durable.TaskTokenRefused;
import org.apache.camel.Exchange;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;

/**
 * Answers to callback tasks over HTTP, as Step Functions' SendTaskSuccess, SendTaskFailure and
 * SendTaskHeartbeat, behind the operator access check (the token is in the path; it is the
 * {@code $$.Task.Token} the task's request carried):
 * <pre>
 * POST /edakit/workflows/tasks/{token}/success    body: the task's output (JSON)
 * POST /edakit/workflows/tasks/{token}/failure    body: {"error": "Approval.Rejected", "cause": "..."}
 * POST /edakit/workflows/tasks/{token}/heartbeat  no body
 * </pre>
 * 200 with the task (execution, state, attempt) when accepted; 404 for a token nobody handed out;
 * 409, saying why, for a task that no longer waits (it timed out, was retried or cancelled, or was
 * answered already); 400 for an output or failure body that is not JSON.
 */
public final class WorkflowTaskApi extends OperatorApi {

    private static final String BASE = "/workflows/tasks/{token}";

    @Override
    public void configure() {
        onException(TaskTokenRefused.Unknown.class).handled(true)
                .process(exchange -> error(exchange, 404, "unknown-token"));
        onException(TaskTokenRefused.class).handled(true)
                .process(exchange -> error(exchange, 409, "task-not-waiting"));
        onException(IllegalArgumentException.class).handled(true)
                .process(exchange -> error(exchange, 400, "bad-request"));
        onException(Exception.class).handled(true)
                .process(exchange -> error(exchange, 500, "failed"));

        operatorRoute(BASE + "/success", "POST").routeId("edakit-workflow-task-success").process(exchange ->
                answered(exchange, callbacks().success(token(exchange), exchange.getMessage().getBody(String.class))));
        operatorRoute(BASE + "/failure", "POST").routeId("edakit-workflow-task-failure").process(exchange -> {
            JsonObject failure = failure(exchange.getMessage().getBody(String.class));
            answered(exchange, callbacks().failure(token(exchange), failure.getString("error"), failure.getString("cause")));
        });
        operatorRoute(BASE + "/heartbeat", "POST").routeId("edakit-workflow-task-heartbeat").process(exchange ->
                answered(exchange, callbacks().heartbeat(token(exchange))));
    }

    private static JsonObject failure(String body) {
        if (body == null || body.isBlank()) {
            return new JsonObject();
        }
        try {
            if (Jsoner.deserialize(body) instanceof JsonObject object) {
                return object;
            }
        } catch (org.apache.camel.util.json.DeserializationException e) {
            // answered below
        }
        throw new BadRequest("a failure's body is {\"error\": \"Name\", \"cause\": \"text\"}");
    }

    private static void answered(Exchange exchange, CallbackTask task) {
        JsonResponses.write(exchange, 200, WorkflowJson.callbackTask(task));
    }

    private static String token(Exchange exchange) {
        return exchange.getMessage().getHeader("token", String.class);
    }

    private TaskCallbacks callbacks() {
        return WorkflowRunners.forContext(getContext()).callbacks();
    }
}
