package io.edakit.routes.workflow;

import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edakit.failure.PoisonMessageException;
import io.edakit.routes.metrics.TemplateMetrics;
import io.edakit.workflow.durable.WorkflowRecord;
import io.edakit.workflow.durable.WorkflowRunner;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.Processor;

/**
 * Starts a workflow execution from the message: its id (by default the envelope id, so the same
 * event delivered twice starts one execution) and its body, the execution's JSON input (an empty
 * body is {@code {}}). The message is acknowledged once the execution is in the store; its states
 * run afterwards, on the runner.
 */
public final class WorkflowStarter implements Processor {

    /** Exchange property: the execution's id. */
    public static final String EXECUTION_ID = "EdakitExecutionId";
    /** Exchange property: true when an execution with this id existed already (nothing was started). */
    public static final String DUPLICATE = "EdakitExecutionDuplicate";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WorkflowRunner runner;
    private final String workflow;
    private final Expression executionId;

    public WorkflowStarter(WorkflowRunner runner, String workflow, Expression executionId) {
        this.runner = runner;
        this.workflow = workflow;
        this.executionId = executionId;
    }

    @Override
    public void process(Exchange exchange) {
        String id = executionId.evaluate(exchange, String.class);
        if (id == null || id.isBlank()) {
            throw new PoisonMessageException("the message gives no execution id (the envelope id, by default)");
        }
        Optional<WorkflowRecord> existing = runner.start(workflow, id, input(exchange.getMessage().getBody(byte[].class)));
        if (existing.isPresent() && !existing.get().workflow().equals(workflow)) {
            throw new PoisonMessageException("execution id " + id + " is taken by an execution of '"
                    + existing.get().workflow() + "': when several workflow templates start from the same events, "
                    + "give each an execution-id of its own, such as " + workflow + "-${header.ce_id}");
        }
        exchange.setProperty(EXECUTION_ID, id);
        exchange.setProperty(DUPLICATE, existing.isPresent());
        if (existing.isPresent()) {
            exchange.setProperty(TemplateMetrics.DROPPED, true);
        }
    }

    private static JsonNode input(byte[] body) {
        if (body == null || body.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new PoisonMessageException("the body is not JSON (a workflow's input is a JSON document): "
                    + e.getMessage());
        }
    }
}
