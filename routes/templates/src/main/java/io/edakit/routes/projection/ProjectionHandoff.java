package io.edakit.routes.projection;

import java.util.Map;

import io.edakit.envelope.Envelope;
import io.edakit.eventpattern.EventAttributes;
import io.edakit.eventpattern.EventPattern;
import io.edakit.eventstore.StoredEvent;
import io.edakit.projection.ProjectionRunner;
import io.edakit.routes.bus.TargetDelivery;
import io.edakit.routes.eventstore.OutboxPublisher;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;

/**
 * Hands a projection's events to its Camel route: each stored event becomes a message as the
 * outbox publishes it (the data as body, the envelope as headers, plus {@code edakit_stream},
 * {@code edakit_version} and {@code edakit_position}; {@code ce_id} and {@code ce_type} from the
 * stored event when its metadata has none), with {@value ProjectionTemplate#REPLAY} during a
 * reset's replay. The pattern filter reads those same headers.
 */
final class ProjectionHandoff implements ProjectionRunner.Handler {

    private final ProducerTemplate producer;
    private final String routeUri;
    private final String name;

    ProjectionHandoff(ProducerTemplate producer, String routeUri, String name) {
        this.producer = producer;
        this.routeUri = routeUri;
        this.name = name;
    }

    /** True when {@code pattern} (null: every event) matches the event's headers. */
    static boolean matches(EventPattern pattern, StoredEvent event) {
        return pattern == null || pattern.matches(EventAttributes.fromHeaders(headersOf(event)));
    }

    private static Map<String, Object> headersOf(StoredEvent event) {
        Map<String, Object> headers = OutboxPublisher.headers(event);
        headers.putIfAbsent(Envelope.ID, event.id());
        headers.putIfAbsent(Envelope.TYPE, event.type());
        return headers;
    }

    @Override
    public ProjectionRunner.Result handle(StoredEvent event, boolean replay) throws Exception {
        Exchange exchange = new DefaultExchange(producer.getCamelContext(), ExchangePattern.InOnly);
        exchange.getMessage().setHeaders(headersOf(event));
        if (replay) {
            exchange.getMessage().setHeader(ProjectionTemplate.REPLAY, name);
        }
        exchange.getMessage().setBody(event.data());
        Exchange done = producer.send(routeUri, exchange);
        if (done.getException() != null) {
            throw done.getException(); // neither handled nor dead-lettered: the batch is retried from here
        }
        if (done.getProperty(ProjectionDelivery.OUTCOME) == TargetDelivery.Outcome.GAVE_UP) {
            Exception failure = done.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            return ProjectionRunner.Result.stop("the handler failed after its retries: " + failure);
        }
        return ProjectionRunner.Result.DONE;
    }
}
