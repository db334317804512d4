package io.edakit.routes.saga;

import io.edakit.envelope.Envelope;
import io.edakit.saga.SagaHeaders;
import io.edakit.saga.SagaOutcomes;
import io.edakit.saga.SagaRecord;
import io.edakit.saga.SagaState;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;

/**
 * Publishes how a saga ended as an event on a channel: type {@code edakit.saga.<outcome>}, id
 * {@code <saga id>.<outcome>} (see {@link #eventId}),
 * subject the saga id, and the saga's input as data, with the input's own envelope headers.
 */
public final class SagaOutcomePublisher implements SagaOutcomes {

    public static final String TYPE_PREFIX = "edakit.saga.";

    private final ProducerTemplate producer;
    private final String channelUri;
    private final String source;

    public SagaOutcomePublisher(ProducerTemplate producer, String channel, String saga) {
        this.producer = producer;
        this.channelUri = "channel:" + channel + "?exchangePattern=InOnly";
        this.source = "edakit/saga/" + saga;
    }

    /**
     * The same for a republication after a crash (so consumers drop it as a duplicate), different for
     * a saga parked a second time after an operator's retry (a new alert, not a duplicate).
     */
    static String eventId(SagaRecord saga, SagaState outcome) {
        String id = saga.id() + "." + outcome.label();
        return outcome == SagaState.NEEDS_ATTENTION ? id + "." + saga.updatedAt().toEpochMilli() : id;
    }

    @Override
    public void publish(SagaRecord saga, SagaState outcome) {
        Exchange exchange = new DefaultExchange(producer.getCamelContext(), ExchangePattern.InOnly);
        saga.headers().forEach(exchange.getIn()::setHeader);
        exchange.getIn().setHeader(Envelope.ID, eventId(saga, outcome));
        exchange.getIn().setHeader(Envelope.TYPE, TYPE_PREFIX + outcome.label());
        exchange.getIn().setHeader(Envelope.SOURCE, source);
        exchange.getIn().setHeader(Envelope.SUBJECT, saga.id());
        exchange.getIn().setHeader(Envelope.TIME, java.time.Instant.now().toString());
        exchange.getIn().setHeader(SagaHeaders.SAGA_ID, saga.id());
        exchange.getIn().setHeader(SagaHeaders.SAGA, saga.definition());
        exchange.getIn().setBody(saga.payload());
        Exchange sent = producer.send(channelUri, exchange);
        if (sent.getException() != null) {
            throw new IllegalStateException("outcome of saga " + saga.id() + " not published: "
                    + sent.getException().getMessage(), sent.getException());
        }
    }
}
