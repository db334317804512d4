package io.edakit.workflow.camel;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.edakit.channel.RemoteHandlerException;
import io.edakit.workflow.asl.State;
import io.edakit.workflow.engine.Command;
import io.edakit.workflow.engine.TaskInvoker;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;

/**
 * Calls a Task state's {@code Resource} as a Camel endpoint URI ({@code direct:}, {@code http:},
 * {@code bean:}, {@code channel:x} as request-reply, ...), request-reply: the state's effective
 * input as a JSON body, {@link WorkflowHeaders} beside it. The reply body is the task's result
 * (JSON; a body that is not JSON is a string). A failure is the task's error: the
 * {@link WorkflowHeaders#ERROR} header of the reply if set, else the simple name of the exception
 * (as a Lambda function's error type), the remote handler's for a {@code channel:} call.
 *
 * <p>It does not enforce TimeoutSeconds: the interpreter runs a timer for it and ignores a late answer.
 *
 * <p>A callback task ({@code channel:approvals.waitForTaskToken}) is sent one way to the resource
 * without the suffix, with its token in {@link WorkflowHeaders#TASK_TOKEN}; the stage completes (with
 * no output) once the endpoint took the message, and fails if it could not.
 */
public final class CamelTaskInvoker implements TaskInvoker {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CamelContext camel;
    private final ProducerTemplate producer;
    private final TaskCallTracer tracer;

    public CamelTaskInvoker(CamelContext camel, ProducerTemplate producer) {
        this(camel, producer, TaskCallTracer.NONE);
    }

    /** @param tracer told of each call (its message before it goes, its answer) */
    public CamelTaskInvoker(CamelContext camel, ProducerTemplate producer, TaskCallTracer tracer) {
        this.camel = camel;
        this.producer = producer;
        this.tracer = tracer;
    }

    @Override
    public CompletionStage<TaskResult> invoke(Command.InvokeTask call) {
        Exchange exchange = new DefaultExchange(camel, call.callback() ? ExchangePattern.InOnly : ExchangePattern.InOut);
        try {
            exchange.getIn().setBody(JSON.writeValueAsString(call.input()));
        } catch (JsonProcessingException e) {
            return CompletableFuture.completedFuture(TaskResult.failure("States.Runtime", e.getMessage()));
        }
        exchange.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getIn().setHeader(WorkflowHeaders.TASK_ID, call.taskId());
        exchange.getIn().setHeader(WorkflowHeaders.EXECUTION_ID, call.executionId());
        exchange.getIn().setHeader(WorkflowHeaders.STATE, call.state());
        exchange.getIn().setHeader(WorkflowHeaders.ATTEMPT, call.attempt());
        if (call.callback()) {
            exchange.getIn().setHeader(WorkflowHeaders.TASK_TOKEN, call.taskToken());
        }
        TaskCallTracer.Call traced = tracer.calling(call, exchange.getIn());
        CompletionStage<TaskResult> answer = call.callback()
                ? producer.asyncSend(State.Task.endpointOf(call.resource()), exchange).thenApply(CamelTaskInvoker::sent)
                : producer.asyncSend(call.resource(), exchange).thenApply(CamelTaskInvoker::result);
        return answer.whenComplete((result, failure) -> traced.answered(result != null ? result
                : TaskResult.failure("States.TaskFailed", String.valueOf(failure))));
    }

    private static TaskResult sent(Exchange done) {
        Exception failure = done.getException();
        return failure == null ? TaskResult.success(JSON.nullNode())
                : TaskResult.failure(failure.getClass().getSimpleName(), failure.getMessage());
    }

    private static TaskResult result(Exchange done) {
        String named = done.getMessage().getHeader(WorkflowHeaders.ERROR, String.class);
        Exception failure = done.getException();
        if (failure != null) {
            String error = named != null ? named : failure instanceof RemoteHandlerException remote
                    ? simpleName(remote.getRemoteType()) : failure.getClass().getSimpleName();
            return TaskResult.failure(error, failure.getMessage());
        }
        Object body = done.getMessage().getBody();
        String text = body == null ? null : body instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                : done.getMessage().getBody(String.class);
        if (named != null) {
            return TaskResult.failure(named, text);
        }
        return TaskResult.success(json(text));
    }

    private static JsonNode json(String text) {
        if (text == null || text.isBlank()) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text);
        }
    }

    private static String simpleName(String className) {
        return className == null ? "States.TaskFailed" : className.substring(className.lastIndexOf('.') + 1);
    }
}
