package io.edakit.operator.fairness;

import io.edakit.operator.access.OperatorApi;
import io.edakit.fairness.FairReceiver;
import io.edakit.fairness.FairnessRegistry;
import io.edakit.routes.support.JsonResponses;

/**
 * Fairness operations over HTTP, behind the operator access check (changing a weight needs the
 * operator token):
 * <pre>
 * GET  /edakit/fairness                                   every fair channel of this instance, its tenants
 * GET  /edakit/fairness/{channel}                         one channel
 * POST /edakit/fairness/{channel}/weights?tenant=&amp;weight=  a tenant's weight, from now on: written to the
 *                                                          channel's weights file (fairness-weights=file:...),
 *                                                          so a restart keeps it; 409 when the weights are inline
 * </pre>
 * Per tenant: backlog (read from the broker, waiting in the scheduler; the rest waits in its lane),
 * in flight, recent share of the cost, weight, priority, dwell p50/p99 and the noisy flag.
 */
public final class FairnessApi extends OperatorApi {

    private static final String BASE = "/fairness";

    @Override
    public void configure() {
        onException(UnknownChannel.class).handled(true).process(exchange -> error(exchange, 404, "not-found"));
        onException(IllegalArgumentException.class).handled(true).process(exchange -> error(exchange, 400, "bad-request"));
        // inline weights: a change a restart would silently undo is refused
        onException(IllegalStateException.class).handled(true).process(exchange -> error(exchange, 409, "conflict"));
        onException(java.io.UncheckedIOException.class).handled(true).process(exchange -> error(exchange, 500, "not-written"));

        operatorRoute(BASE, "GET").routeId("edakit-fairness-list").process(exchange ->
                JsonResponses.write(exchange, 200, FairnessJson.channels(FairnessRegistry.running())));
        operatorRoute(BASE + "/{channel}", "GET").routeId("edakit-fairness-show").process(exchange -> {
            String channel = exchange.getMessage().getHeader("channel", String.class);
            JsonResponses.write(exchange, 200, FairnessJson.channel(channel, receiver(channel)));
        });
        operatorRoute(BASE + "/{channel}/weights", "POST").routeId("edakit-fairness-weight").process(exchange -> {
            String channel = exchange.getMessage().getHeader("channel", String.class);
            String tenant = exchange.getMessage().getHeader("tenant", String.class);
            String weight = exchange.getMessage().getHeader("weight", String.class);
            if (tenant == null || tenant.isBlank() || weight == null) {
                throw new IllegalArgumentException("expected ?tenant=<tenant>&weight=<number more than 0>");
            }
            double value;
            try {
                value = Double.parseDouble(weight);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a weight more than 0, was '" + weight + "'");
            }
            receiver(channel).policy().weights().set(tenant, value);
            JsonResponses.write(exchange, 200, FairnessJson.channel(channel, receiver(channel)));
        });
    }

    private static FairReceiver receiver(String channel) {
        return FairnessRegistry.of(channel).orElseThrow(() -> new UnknownChannel(channel));
    }

    /** No fair channel of that name runs in this instance. */
    private static final class UnknownChannel extends RuntimeException {
        UnknownChannel(String channel) {
            super("no fair channel '" + channel + "' runs in this instance");
        }
    }
}
