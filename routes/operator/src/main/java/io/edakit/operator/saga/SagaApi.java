package io.edakit.operator.saga;

import java.time.Clock;
import java.util.Optional;

import io.edakit.operator.access.OperatorApi;
import io.edakit.routes.saga.SagaEngines;
import io.edakit.routes.support.JsonResponses;
import io.edakit.saga.SagaState;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.util.json.JsonObject;

/**
 * Saga operations over HTTP, on the application's own HTTP port, behind the operator access check
 * (compensate and retry need the operator token):
 * <pre>
 * GET  /edakit/sagas?state=needs-attention&amp;limit=50   newest first
 * GET  /edakit/sagas/{id}                                the saga and its timeline
 * POST /edakit/sagas/{id}/compensate                     compensate it (running, completed or parked)
 * POST /edakit/sagas/{id}/retry                          retry a parked saga
 * </pre>
 */
public final class SagaApi extends OperatorApi {

    private static final String BASE = "/sagas";

    @Override
    public void configure() {
        onException(SagaOperations.UnknownSagaException.class).handled(true)
                .process(exchange -> error(exchange, 404, "not-found"));
        onException(IllegalArgumentException.class).handled(true)
                .process(exchange -> error(exchange, 409, "conflict"));
        onException(Exception.class).handled(true)
                .process(exchange -> error(exchange, 500, "failed"));

        operatorRoute(BASE, "GET").routeId("edakit-saga-list").process(exchange -> {
            Message in = exchange.getMessage();
            Optional<SagaState> state = Optional.ofNullable(in.getHeader("state", String.class))
                    .filter(text -> !text.isBlank()).map(SagaApi::state);
            JsonObject body = new JsonObject();
            body.put("sagas", SagaJson.sagas(operations().list(state, in.getHeader("limit", 50, Integer.class))));
            JsonResponses.write(exchange, 200, body);
        });
        operatorRoute(BASE + "/{id}", "GET").routeId("edakit-saga-show").process(exchange -> {
            String id = exchange.getMessage().getHeader("id", String.class);
            JsonResponses.write(exchange, 200, SagaJson.detail(operations().show(id)
                    .orElseThrow(() -> new SagaOperations.UnknownSagaException(id))));
        });
        operatorRoute(BASE + "/{id}/compensate", "POST").routeId("edakit-saga-compensate").process(exchange ->
                JsonResponses.write(exchange, 202, SagaJson.saga(operations().compensate(id(exchange)))));
        operatorRoute(BASE + "/{id}/retry", "POST").routeId("edakit-saga-retry").process(exchange ->
                JsonResponses.write(exchange, 202, SagaJson.saga(operations().retry(id(exchange)))));
    }

    private static SagaState state(String label) {
        try {
            return SagaState.parse(label);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
    }

    private static String id(Exchange exchange) {
        return exchange.getMessage().getHeader("id", String.class);
    }

    private SagaOperations operations() {
        return new SagaOperations(SagaEngines.forContext(getContext()).log(), Clock.systemUTC());
    }
}
