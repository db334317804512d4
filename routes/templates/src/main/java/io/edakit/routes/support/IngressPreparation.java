package io.edakit.routes.support;

import io.edakit.channel.ChannelHeaders;
import io.edakit.envelope.EnvelopeRules;
import io.edakit.channel.CamelCloudEventHeaders;
import io.edakit.envelope.EnvelopeStamper;
import io.edakit.envelope.StructuredCloudEvents;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Prepares a message that enters edakit from outside (HTTP, file, timer ...), the same way on
 * every entry: converts a structured-mode CloudEvent to binary mode, completes its envelope
 * ({@link EnvelopeStamper}), checks it ({@link EnvelopeRules}), sets its ordering key, then drops
 * the source's own headers except those the configuration keeps ({@link SourceHeaderFilter}).
 *
 * <p>An event whose envelope breaks a rule fails with a {@code PoisonMessageException} naming
 * every problem; the templates reject it (see their {@code EntryRejection}).
 */
public final class IngressPreparation implements Processor {

    private final EnvelopeStamper stamper;
    private final SourceHeaderFilter headerFilter;
    private final Expression orderingKey;

    /**
     * @param keepHeaders comma-separated header names or wildcards ({@code x-*}) that travel too
     * @param orderingKey evaluated on each message; its value becomes the message's ordering key
     *                    (null: no key)
     */
    public IngressPreparation(String defaultSource, String defaultType, String keepHeaders, Expression orderingKey) {
        this.stamper = new EnvelopeStamper(defaultSource, defaultType);
        this.headerFilter = new SourceHeaderFilter(keepHeaders);
        this.orderingKey = orderingKey;
    }

    /** Without an ordering key: as a Kamelet's bean, which binds constructor arguments by position. */
    public IngressPreparation(String defaultSource, String defaultType, String keepHeaders) {
        this(defaultSource, defaultType, keepHeaders, null);
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        completeEnvelope(exchange);
        headerFilter.process(exchange);
    }

    /** The first half, for routes that look at every source header before they are dropped. */
    public Processor envelopeStep() {
        return this::completeEnvelope;
    }

    /** The second half. */
    public Processor headerFilterStep() {
        return headerFilter;
    }

    private void completeEnvelope(Exchange exchange) {
        Message message = exchange.getMessage();
        // a structured-mode CloudEvent (application/cloudevents+json) becomes binary mode first
        StructuredCloudEvents.toBinary(message);
        // an event given with Camel's CloudEvents header names (camel-cloudevents, Knative) keeps its attributes
        CamelCloudEventHeaders.setEnvelopeHeaders(message);
        stamper.process(exchange);
        EnvelopeRules.check(message);
        if (orderingKey != null) {
            String key = orderingKey.evaluate(exchange, String.class);
            if (key != null && !key.isBlank()) {
                message.setHeader(ChannelHeaders.KEY, key);
            }
        }
    }
}
