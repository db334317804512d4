package io.edakit.operator.projection;

import java.time.Clock;

import io.edakit.operator.access.OperatorApi;
import io.edakit.routes.eventstore.EventStores;
import io.edakit.routes.projection.ProjectionStores;
import io.edakit.routes.support.JsonResponses;
import org.apache.camel.Exchange;

/**
 * Projections over HTTP, on the application's own HTTP port, behind the operator access check (a
 * reset needs the operator token, or a console session and its CSRF token):
 * <pre>
 * GET  /edakit/projections                                   name, checkpoint, lag to head, owner, state
 * POST /edakit/projections/{name}/reset?to=beginning|position:N|time:T   202 with the projection
 * </pre>
 */
public final class ProjectionApi extends OperatorApi {

    private static final String BASE = "/projections";

    @Override
    public void configure() {
        onException(ProjectionOperations.UnknownProjectionException.class).handled(true)
                .process(exchange -> error(exchange, 404, "not-found"));
        onException(IllegalArgumentException.class).handled(true)
                .process(exchange -> error(exchange, 400, "bad-request"));
        onException(Exception.class).handled(true)
                .process(exchange -> error(exchange, 500, "failed"));

        operatorRoute(BASE, "GET").routeId("edakit-projection-list").process(exchange ->
                JsonResponses.write(exchange, 200, ProjectionJson.list(operations().list())));
        operatorRoute(BASE + "/{name}/reset", "POST").routeId("edakit-projection-reset").process(exchange -> {
            String to = exchange.getMessage().getHeader("to", String.class);
            if (to == null || to.isBlank()) {
                throw new BadRequest("give the target: ?to=beginning, ?to=position:N or ?to=time:T");
            }
            JsonResponses.write(exchange, 202, ProjectionJson.projection(operations().reset(name(exchange), to)));
        });
    }

    private static String name(Exchange exchange) {
        return exchange.getMessage().getHeader("name", String.class);
    }

    private ProjectionOperations operations() {
        return new ProjectionOperations(EventStores.forContext(getContext()), ProjectionStores.forContext(getContext()),
                Clock.systemUTC());
    }
}
