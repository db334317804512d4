package io.edakit.operator.workflow;

import java.time.Clock;
import java.util.Optional;

import io.edakit.operator.access.OperatorApi;
import io.edakit.routes.support.JsonResponses;
import io.edakit.routes.workflow.WorkflowRunners;
import io.edakit.workflow.durable.WorkflowStatus;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.util.json.JsonObject;

/**
 * Workflow operations over HTTP, on the application's own HTTP port, behind the operator access
 * check (start and stop need the operator token):
 * <pre>
 * GET  /edakit/workflows?status=failed&amp;limit=50                  newest first
 * GET  /edakit/workflows/{id}                                      the execution, its input, output or error
 * GET  /edakit/workflows/{id}/history?after=0&amp;limit=1000          one page of its history
 * GET  /edakit/workflows/{id}/graph?known=DRAWING                  its definition drawn (SVG), its path on it (no SVG when known)
 * POST /edakit/workflows/{id}/stop                                 abort a running or parked execution
 * POST /edakit/workflows/{id}/redrive                              run a failed, timed-out or aborted one again
 * POST /edakit/workflows/{id}/resume                               run a parked one on from where it is
 * POST /edakit/workflows/{id}/start?workflow=order  (body: input)  record a start for an instance to run
 * </pre>
 */
public final class WorkflowApi extends OperatorApi {

    private static final String BASE = "/workflows";

    @Override
    public void configure() {
        onException(WorkflowOperations.UnknownExecutionException.class).handled(true)
                .process(exchange -> error(exchange, 404, "not-found"));
        onException(IllegalArgumentException.class).handled(true)
                .process(exchange -> error(exchange, 409, "conflict"));
        onException(Exception.class).handled(true)
                .process(exchange -> error(exchange, 500, "failed"));

        operatorRoute(BASE, "GET").routeId("edakit-workflow-list").process(exchange -> {
            Message in = exchange.getMessage();
            Optional<WorkflowStatus> status = Optional.ofNullable(in.getHeader("status", String.class))
                    .filter(text -> !text.isBlank()).map(WorkflowApi::status);
            JsonObject body = new JsonObject();
            body.put("executions", WorkflowJson.executions(operations().list(status, in.getHeader("limit", 50, Integer.class))));
            JsonResponses.write(exchange, 200, body);
        });
        operatorRoute(BASE + "/{id}", "GET").routeId("edakit-workflow-show").process(exchange ->
                JsonResponses.write(exchange, 200, WorkflowJson.detail(operations().show(id(exchange))
                        .orElseThrow(() -> new WorkflowOperations.UnknownExecutionException(id(exchange))))));
        operatorRoute(BASE + "/{id}/history", "GET").routeId("edakit-workflow-history").process(exchange -> {
            Message in = exchange.getMessage();
            JsonObject body = new JsonObject();
            body.put("history", WorkflowJson.history(operations().history(id(exchange), in.getHeader("after", 0L, Long.class),
                    Math.min(in.getHeader("limit", 1000, Integer.class), 10_000))));
            JsonResponses.write(exchange, 200, body);
        });
        operatorRoute(BASE + "/{id}/graph", "GET").routeId("edakit-workflow-graph").process(exchange ->
                JsonResponses.write(exchange, 200, WorkflowDrawing.of(WorkflowRunners.forContext(getContext()),
                        operations().show(id(exchange)).orElseThrow(() -> new WorkflowOperations.UnknownExecutionException(id(exchange))),
                        exchange.getMessage().getHeader("known", String.class))));
        operatorRoute(BASE + "/{id}/stop", "POST").routeId("edakit-workflow-stop").process(exchange ->
                JsonResponses.write(exchange, 202, WorkflowJson.execution(operations().stop(id(exchange),
                        "stopped by an operator over HTTP"))));
        operatorRoute(BASE + "/{id}/redrive", "POST").routeId("edakit-workflow-redrive").process(exchange ->
                JsonResponses.write(exchange, 202, WorkflowJson.execution(operations().redrive(id(exchange)))));
        operatorRoute(BASE + "/{id}/resume", "POST").routeId("edakit-workflow-resume").process(exchange ->
                JsonResponses.write(exchange, 202, WorkflowJson.execution(operations().resume(id(exchange)))));
        operatorRoute(BASE + "/{id}/start", "POST").routeId("edakit-workflow-start").process(exchange -> {
            String workflow = exchange.getMessage().getHeader("workflow", String.class);
            if (workflow == null || workflow.isBlank()) {
                throw new BadRequest("give the workflow: ?workflow=NAME");
            }
            String input = exchange.getMessage().getBody(String.class);
            JsonResponses.write(exchange, 202, WorkflowJson.execution(operations().start(workflow, id(exchange),
                    input == null || input.isBlank() ? "{}" : input)));
        });
    }

    static WorkflowStatus status(String label) {
        try {
            return WorkflowApiStatus.parse(label);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
    }

    private static String id(Exchange exchange) {
        return exchange.getMessage().getHeader("id", String.class);
    }

    private WorkflowOperations operations() {
        return new WorkflowOperations(WorkflowRunners.forContext(getContext()).store(), Clock.systemUTC());
    }
}
