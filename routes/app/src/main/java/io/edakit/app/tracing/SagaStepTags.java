package io.edakit.app.tracing;

import io.edakit.saga.SagaHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.telemetry.Span;

/**
 * Tags the span of a saga's call to a participant with the saga, its id, the step, the phase and
 * the attempt, read from the headers every call carries ({@link SagaHeaders}), so that a trace
 * shows which step each participant span was.
 */
final class SagaStepTags {

    private SagaStepTags() {
    }

    static void apply(Span span, Exchange exchange) {
        String sagaId = exchange.getIn().getHeader(SagaHeaders.SAGA_ID, String.class);
        if (sagaId == null) {
            return;
        }
        span.setTag("edakit.saga.id", sagaId);
        tag(span, "edakit.saga.name", exchange.getIn().getHeader(SagaHeaders.SAGA, String.class));
        tag(span, "edakit.saga.step", exchange.getIn().getHeader(SagaHeaders.STEP_ID, String.class));
        tag(span, "edakit.saga.phase", exchange.getIn().getHeader(SagaHeaders.PHASE, String.class));
        tag(span, "edakit.saga.attempt", exchange.getIn().getHeader(SagaHeaders.ATTEMPT, String.class));
    }

    private static void tag(Span span, String key, String value) {
        if (value != null) {
            span.setTag(key, value);
        }
    }
}
