package io.edakit.routes.workflow;

import io.edakit.envelope.Envelope;
import io.edakit.workflow.camel.WorkflowHeaders;
import io.edakit.workflow.durable.WorkflowOutcomes;
import io.edakit.workflow.durable.WorkflowRecord;
import io.edakit.workflow.durable.WorkflowStatus;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.util.json.JsonObject;

/**
 * Publishes how an execution ended as an event on a channel: type
 * {@code edakit.workflow.<succeeded|failed|timed-out|aborted>}, id {@code <execution id>.<outcome>}
 * (the same for a republication after a crash, so consumers drop it as a duplicate; after the n-th
 * redrive {@code <execution id>.redrive-<n>.<outcome>}, a new event), subject the
 * execution id; data the execution's output when it succeeded, else {@code {"Error", "Cause"}}.
 */
public final class WorkflowOutcomePublisher implements WorkflowOutcomes {

    public static final String TYPE_PREFIX = "edakit.workflow.";

    private final ProducerTemplate producer;
    private final String channelUri;
    private final String source;

    public WorkflowOutcomePublisher(ProducerTemplate producer, String channel, String workflow) {
        this.producer = producer;
        this.channelUri = "channel:" + channel + "?exchangePattern=InOnly";
        this.source = "edakit/workflow/" + workflow;
    }

    @Override
    public void publish(WorkflowRecord execution) {
        Exchange exchange = new DefaultExchange(producer.getCamelContext(), ExchangePattern.InOnly);
        String outcome = execution.status().label();
        exchange.getIn().setHeader(Envelope.ID, execution.id()
                + (execution.redriveCount() == 0 ? "" : ".redrive-" + execution.redriveCount()) + "." + outcome);
        exchange.getIn().setHeader(Envelope.TYPE, TYPE_PREFIX + outcome);
        exchange.getIn().setHeader(Envelope.SOURCE, source);
        exchange.getIn().setHeader(Envelope.SUBJECT, execution.id());
        exchange.getIn().setHeader(Envelope.TIME, execution.updatedAt().toString());
        exchange.getIn().setHeader(WorkflowHeaders.EXECUTION_ID, execution.id());
        exchange.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getIn().setBody(body(execution));
        Exchange sent = producer.send(channelUri, exchange);
        if (sent.getException() != null) {
            throw new IllegalStateException("outcome of workflow execution " + execution.id() + " not published: "
                    + sent.getException().getMessage(), sent.getException());
        }
    }

    private static String body(WorkflowRecord execution) {
        if (execution.status() == WorkflowStatus.SUCCEEDED) {
            return execution.output() == null ? "null" : execution.output();
        }
        JsonObject error = new JsonObject();
        error.put("Error", execution.error());
        error.put("Cause", execution.cause());
        return error.toJson();
    }
}
