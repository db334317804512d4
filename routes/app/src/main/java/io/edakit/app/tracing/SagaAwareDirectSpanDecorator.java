package io.edakit.app.tracing;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.telemetry.Span;
import org.apache.camel.telemetry.decorators.DirectSpanDecorator;

/**
 * Camel's decorator of {@code direct:} spans, plus the saga step tags ({@link SagaStepTags}):
 * saga participants in the same application are usually {@code direct:} routes. Camel's tracer
 * takes a subclass of a standard decorator in its place.
 */
public final class SagaAwareDirectSpanDecorator extends DirectSpanDecorator {

    @Override
    public void beforeTracingEvent(Span span, Exchange exchange, Endpoint endpoint) {
        super.beforeTracingEvent(span, exchange, endpoint);
        SagaStepTags.apply(span, exchange);
    }
}
