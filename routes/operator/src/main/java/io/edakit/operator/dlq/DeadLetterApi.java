package io.edakit.operator.dlq;

import io.edakit.operator.access.OperatorApi;
import io.edakit.deadletter.RedriveRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.util.json.JsonObject;

/**
 * Dead-letter operations over HTTP, on the application's own HTTP port (127.0.0.1 by default),
 * behind the operator access check (redrive and purge need the operator token):
 * <pre>
 * GET    /edakit/dlq                              channels and waiting counts
 * GET    /edakit/dlq/{channel}?limit=20            waiting messages (headers, body preview)
 * POST   /edakit/dlq/{channel}/redrive?to=&amp;filter=&amp;ids=&amp;max=&amp;rate=&amp;dryRun=true
 * DELETE /edakit/dlq/{channel}?confirm=true        purge
 * </pre>
 */
public final class DeadLetterApi extends OperatorApi {

    private static final String BASE = "/dlq";

    @Override
    public void configure() {
        onException(IllegalArgumentException.class).handled(true)
                .process(exchange -> error(exchange, 400, exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)));
        onException(Exception.class).handled(true)
                .process(exchange -> error(exchange, 500, exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)));

        operatorRoute(BASE, "GET").routeId("edakit-dlq-list")
                .process(exchange -> json(exchange, 200, DeadLetterJson.channels(operations().list()).toJson()));

        operatorRoute(BASE + "/{channel}", "GET,DELETE").routeId("edakit-dlq-channel")
                .process(this::showOrPurge);

        operatorRoute(BASE + "/{channel}/redrive", "POST").routeId("edakit-dlq-redrive")
                .process(this::redrive);
    }

    private void redrive(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        DeadLetterOperations operations = operations();
        RedriveRequest request = operations.request(in.getHeader("channel", String.class))
                .withTarget(in.getHeader("to", String.class))
                .withFilter(DeadLetterOperations.filter(in.getHeader("filter", String.class)))
                .withIds(DeadLetterOperations.ids(in.getHeader("ids", String.class)))
                .withDryRun(in.getHeader("dryRun", false, Boolean.class));
        Long max = in.getHeader("max", Long.class);
        Double rate = in.getHeader("rate", Double.class);
        request = max == null ? request : request.withMax(max);
        request = rate == null ? request : request.withRate(rate);
        json(exchange, 200, DeadLetterJson.report(operations.redrive(request)).toJson());
    }

    private void showOrPurge(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        String channel = in.getHeader("channel", String.class);
        if ("DELETE".equals(in.getHeader(Exchange.HTTP_METHOD, String.class))) {
            if (!in.getHeader("confirm", false, Boolean.class)) {
                throw new IllegalArgumentException("purging deletes every waiting message of " + channel
                        + ": repeat with ?confirm=true");
            }
            JsonObject purged = new JsonObject();
            purged.put("channel", channel);
            purged.put("purged", operations().purge(channel));
            json(exchange, 200, purged.toJson());
        } else {
            int limit = in.getHeader("limit", 20, Integer.class);
            json(exchange, 200, DeadLetterJson.messages(operations().show(channel, limit)).toJson());
        }
    }

    private DeadLetterOperations operations() {
        return DeadLetterOperations.of(getContext());
    }

    private static void error(Exchange exchange, int status, Exception cause) {
        JsonObject body = new JsonObject();
        body.put("error", status == 400 ? "bad-request" : "failed");
        body.put("message", cause == null ? "" : cause.getMessage());
        json(exchange, status, body.toJson());
    }

    private static void json(Exchange exchange, int status, String body) {
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        out.setBody(body);
    }
}
