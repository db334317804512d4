package io.edakit.app.tracing;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.edakit.workflow.camel.TaskCallTracer;
import io.edakit.workflow.durable.WorkflowObserver;
import io.edakit.workflow.durable.WorkflowStatus;
import io.edakit.workflow.engine.Command;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapSetter;
import org.apache.camel.Message;

/**
 * Workflow executions as spans: one span per execution while this instance runs it ({@code workflow
 * NAME}, from being held to being released: it ended, or it was stopped, taken over, parked or
 * left at shutdown, which its {@code edakit.workflow.status} says), and below it one span per task
 * call ({@code task STATE}, from the call to its answer, an error status when the task failed).
 * Both carry the execution id and the task span the state and attempt. The task call's message
 * gets the task span's {@code traceparent}, so Camel's span of the call and the task endpoint's
 * route continue the same trace (across a broker too, for a {@code channel:} resource).
 *
 * <p>An execution that waits (a Wait state, a callback task) keeps its span open for as long, and
 * one resumed after a restart, a redrive or a takeover gets a new span in a new trace: a durable
 * execution outlives any one process's span, and the execution id ties them together. A new
 * execution's span is a child of whatever span is current where it was started (the HTTP request
 * or message that started it, when Camel's tracer made it current).
 */
final class WorkflowSpans implements WorkflowObserver, TaskCallTracer {

    static final AttributeKey<String> EXECUTION_ID = AttributeKey.stringKey("edakit.workflow.execution-id");
    static final AttributeKey<String> WORKFLOW = AttributeKey.stringKey("edakit.workflow.name");
    static final AttributeKey<String> STATE = AttributeKey.stringKey("edakit.workflow.state");
    static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("edakit.workflow.attempt");
    static final AttributeKey<String> STATUS = AttributeKey.stringKey("edakit.workflow.status");
    static final AttributeKey<String> ERROR = AttributeKey.stringKey("edakit.workflow.error");
    private static final TextMapSetter<Message> HEADERS = (message, key, value) -> message.setHeader(key, value);

    private final Tracer tracer;
    private final ContextPropagators propagators;
    private final Map<String, Span> executions = new ConcurrentHashMap<>();

    WorkflowSpans(Tracer tracer, ContextPropagators propagators) {
        this.tracer = tracer;
        this.propagators = propagators;
    }

    @Override
    public void held(String executionId, String workflow) {
        Span span = tracer.spanBuilder("workflow " + workflow).setParent(Context.current()).setSpanKind(SpanKind.INTERNAL)
                .setAttribute(EXECUTION_ID, executionId).setAttribute(WORKFLOW, workflow).startSpan();
        Span before = executions.put(executionId, span);
        if (before != null) { // never released (cannot happen by the observer's contract): not left open for ever
            before.end();
        }
    }

    @Override
    public void released(String executionId, Optional<WorkflowStatus> ended) {
        Span span = executions.remove(executionId);
        if (span == null) {
            return;
        }
        span.setAttribute(STATUS, ended.map(WorkflowStatus::label).orElse("running"));
        if (ended.isPresent() && ended.get() != WorkflowStatus.SUCCEEDED) {
            span.setStatus(StatusCode.ERROR, "the execution " + ended.get().label());
        }
        span.end();
    }

    @Override
    public Call calling(Command.InvokeTask call, Message message) {
        Span execution = executions.get(call.executionId());
        // from the execution's span alone: the worker thread's current context belongs to no one in particular
        Context parent = execution == null ? Context.root() : Context.root().with(execution);
        Span span = tracer.spanBuilder("task " + call.state()).setParent(parent).setSpanKind(SpanKind.CLIENT)
                .setAttribute(EXECUTION_ID, call.executionId()).setAttribute(STATE, call.state())
                .setAttribute(ATTEMPT, (long) call.attempt()).startSpan();
        propagators.getTextMapPropagator().inject(parent.with(span), message, HEADERS);
        return result -> {
            if (result.failed()) {
                span.setAttribute(ERROR, result.error());
                span.setStatus(StatusCode.ERROR, result.error() + (result.cause() == null ? "" : ": " + result.cause()));
            }
            span.end();
        };
    }
}
