package io.edakit.operator.eventstore;

import io.edakit.operator.access.OperatorApi;
import io.edakit.eventstore.AppendResult;
import io.edakit.routes.eventstore.EventStoreTemplate;
import io.edakit.routes.eventstore.EventStores;
import io.edakit.routes.eventstore.ReaderBeans;
import io.edakit.routes.support.JsonResponses;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.spi.Registry;

/**
 * The event store over HTTP, on the application's own HTTP port, behind the operator access check
 * (an append needs the operator token):
 * <pre>
 * GET  /edakit/event-store/streams?after=&amp;limit=100             streams by id
 * GET  /edakit/event-store/streams/{id}/events?from=1&amp;limit=100   a stream's events
 * GET  /edakit/event-store/streams/{id}/state?at=T|version=n&amp;basis=event&amp;fold=...&amp;upcasters=#a,#b&amp;explain=true
 *                                                                 (fold: JSONata or #bean; upcasters:
 *                                                                 TYPE@REVISION=JSONata;... or #bean; as the template's)
 * POST /edakit/event-store/streams/{id}/events                     append the body (ce-id, ce-type,
 *                                                                 EdakitExpectedVersion headers); 201, 409
 * </pre>
 */
public final class EventStoreApi extends OperatorApi {

    private static final String BASE = "/event-store/streams";

    @Override
    public void configure() {
        onException(IllegalArgumentException.class).handled(true)
                .process(exchange -> error(exchange, 400, "bad-request"));
        onException(Exception.class).handled(true)
                .process(exchange -> error(exchange, 500, "failed"));

        operatorRoute(BASE, "GET").routeId("edakit-es-streams").process(exchange -> {
            Message in = exchange.getMessage();
            JsonResponses.write(exchange, 200, EventStoreJson.streams(operations().streams(
                    in.getHeader("after", "", String.class), in.getHeader("limit", 100, Integer.class))));
        });
        operatorRoute(BASE + "/{id}/events", "GET,POST").routeId("edakit-es-events").process(exchange -> {
            Message in = exchange.getMessage();
            String id = in.getHeader("id", String.class);
            if ("POST".equals(in.getHeader(Exchange.HTTP_METHOD, String.class))) {
                AppendResult result = operations().append(id, in.getHeader("EdakitExpectedVersion", "", String.class),
                        in.getHeader("ce-id", String.class), in.getHeader("ce-type", String.class),
                        in.getHeader("ce-revision", 1, Integer.class), in.getBody(String.class),
                        in.getHeader("ce-time", String.class));
                JsonResponses.write(exchange, EventStoreTemplate.status(result), EventStoreJson.append(result));
                return;
            }
            JsonResponses.write(exchange, 200, EventStoreJson.events(operations().read(id,
                    in.getHeader("from", 1L, Long.class), in.getHeader("limit", 100, Integer.class))));
        });
        operatorRoute(BASE + "/{id}/state", "GET").routeId("edakit-es-state").process(exchange -> {
            Message in = exchange.getMessage();
            // fold=#name and upcasters=#name name beans of this instance, as the template's parameters do;
            // JSONata folds and upcasters (TYPE@REVISION=...) are given as the template's are
            Registry registry = getContext().getRegistry();
            JsonResponses.write(exchange, 200, EventStoreJson.state(operations().state(in.getHeader("id", String.class),
                    in.getHeader("version", Long.class), in.getHeader("at", String.class),
                    "event".equals(in.getHeader("basis", String.class)),
                    ReaderBeans.fold("fold", in.getHeader("fold", String.class), registry),
                    ReaderBeans.upcasters("upcasters", in.getHeader("upcasters", String.class), registry)),
                    in.getHeader("explain", false, Boolean.class)));
        });
    }

    private EventStoreOperations operations() {
        return new EventStoreOperations(EventStores.forContext(getContext()));
    }
}
