package io.edakit.app.tracing;

import io.edakit.channel.ChannelComponent;
import io.edakit.envelope.Envelope;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.telemetry.Span;
import org.apache.camel.telemetry.decorators.AbstractMessagingSpanDecorator;

/**
 * How Camel's tracer names and tags the spans of {@code channel:} endpoints (found through
 * {@code META-INF/services/org.apache.camel.telemetry.SpanDecorator}): after the channel, with the
 * event's id as the message id, and the saga step when the call is one ({@link SagaStepTags}).
 * Without it every hop would be a span called "channel". The trace context itself travels in the
 * message's headers, as Camel's default decorators read and write it.
 */
public final class ChannelSpanDecorator extends AbstractMessagingSpanDecorator {

    @Override
    public String getComponent() {
        return "channel";
    }

    @Override
    public String getComponentClassName() {
        return ChannelComponent.class.getName();
    }

    @Override
    protected String getMessageId(Exchange exchange) {
        return exchange.getIn().getHeader(Envelope.ID, String.class);
    }

    @Override
    public void beforeTracingEvent(Span span, Exchange exchange, Endpoint endpoint) {
        super.beforeTracingEvent(span, exchange, endpoint);
        SagaStepTags.apply(span, exchange);
    }
}
