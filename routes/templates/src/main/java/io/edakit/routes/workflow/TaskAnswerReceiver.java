package io.edakit.routes.workflow;

import java.nio.charset.StandardCharsets;

import io.edakit.failure.PoisonMessageException;
import io.edakit.routes.support.JsonResponses;
import io.edakit.workflow.camel.WorkflowHeaders;
import io.edakit.workflow.durable.CallbackTask;
import io.edakit.workflow.durable.TaskCallbacks;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.util.json.JsonObject;

/**
 * Turns a message into an answer to a callback task: its {@link WorkflowHeaders#TASK_TOKEN} names the
 * task; {@link WorkflowHeaders#HEARTBEAT} {@code true} makes it a heartbeat, {@link WorkflowHeaders#TASK_ERROR}
 * a failure with the body as cause, anything else a success with the body as JSON output. An answer
 * that cannot be applied (no token, a refused one, output that is not JSON) is a
 * {@link PoisonMessageException}: dead-lettered with the reason, never retried.
 */
final class TaskAnswerReceiver implements Processor {

    private final TaskCallbacks callbacks;

    TaskAnswerReceiver(TaskCallbacks callbacks) {
        this.callbacks = callbacks;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        String token = in.getHeader(WorkflowHeaders.TASK_TOKEN, String.class);
        if (token == null || token.isBlank()) {
            throw new PoisonMessageException("the message has no " + WorkflowHeaders.TASK_TOKEN + " header: it answers no task");
        }
        byte[] body = in.getBody(byte[].class);
        String text = body == null ? null : new String(body, StandardCharsets.UTF_8);
        String error = in.getHeader(WorkflowHeaders.TASK_ERROR, String.class);
        CallbackTask task;
        try {
            if (Boolean.TRUE.equals(in.getHeader(WorkflowHeaders.HEARTBEAT, Boolean.class))) {
                task = callbacks.heartbeat(token);
            } else if (error != null) {
                task = callbacks.failure(token, error, text);
            } else {
                task = callbacks.success(token, text);
            }
        } catch (IllegalArgumentException refused) {
            throw new PoisonMessageException(refused.getMessage());
        }
        JsonObject answer = new JsonObject();
        answer.put("executionId", task.executionId());
        answer.put("state", task.state());
        answer.put("attempt", task.attempt());
        JsonResponses.write(exchange, 200, answer);
    }
}
