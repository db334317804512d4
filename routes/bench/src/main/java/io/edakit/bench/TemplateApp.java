package io.edakit.bench;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import io.edakit.config.Names;
import io.edakit.routes.EdakitTemplates;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The template side of a run: a Camel context with every edakit template ({@link EdakitTemplates}),
 * pointed at the run's broker through {@code edakit.*} properties, with the templates under test
 * instantiated from Java like an application would, and counting / echoing handler routes.
 */
final class TemplateApp implements AutoCloseable {

    static final String COUNT_HANDLER = "direct:bench-count";
    static final String ECHO_HANDLER = "direct:bench-echo";
    static final String REQUEST_SOURCE = "direct:bench-request";

    private final CamelContext context;
    private final HandledCounter handled = new HandledCounter();
    private ProducerTemplate producer;

    private TemplateApp(CamelContext context) {
        this.context = context;
    }

    /**
     * A started context. {@code metrics}: binds a Prometheus registry as the runnable jar has, so
     * the templates' metrics policy runs as in production.
     */
    static TemplateApp start(Map<String, String> settings, boolean metrics) throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        Properties properties = new Properties();
        properties.putAll(settings);
        context.getPropertiesComponent().setInitialProperties(properties);
        if (metrics) {
            context.getRegistry().bind("bench-meter-registry", new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        }
        TemplateApp app = new TemplateApp(context);
        context.addRoutes(new EdakitTemplates());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(COUNT_HANDLER).routeId("bench-count").process(exchange -> app.handled.handled());
                from(ECHO_HANDLER).routeId("bench-echo").process(exchange -> app.handled.handled());
            }
        });
        try {
            context.start();
        } catch (Exception e) {
            context.close();
            throw e;
        }
        app.producer = context.createProducerTemplate();
        return app;
    }

    HandledCounter handled() {
        return handled;
    }

    /** The context, for scenarios that send through Camel endpoints themselves (replays). */
    CamelContext context() {
        return context;
    }

    /** A {@code point-to-point} instance consuming {@code channel} into the counting handler. */
    void pointToPoint(String channel, int consumers, Map<String, String> parameters) throws Exception {
        TemplatedRouteBuilder builder = TemplatedRouteBuilder.builder(context, "point-to-point")
                .routeId("bench-point-to-point")
                .parameter("channel", channel)
                .parameter("handler", COUNT_HANDLER)
                .parameter("concurrentConsumers", consumers);
        parameters.forEach((name, value) -> builder.parameter(Names.camelCase(name), value));
        builder.add();
    }

    /**
     * A {@code request-reply} requester from {@link #REQUEST_SOURCE} to {@code channel} and a
     * {@code responder} on it whose handler leaves the request as the reply (an echo).
     */
    void requestReply(String channel, int consumers, Map<String, String> parameters) throws Exception {
        TemplatedRouteBuilder.builder(context, "responder")
                .routeId("bench-responder")
                .parameter("channel", channel)
                .parameter("handler", ECHO_HANDLER)
                .parameter("concurrentConsumers", consumers)
                .add();
        TemplatedRouteBuilder requester = TemplatedRouteBuilder.builder(context, "request-reply")
                .routeId("bench-request-reply")
                .parameter("from", REQUEST_SOURCE)
                .parameter("channel", channel)
                .parameter("timeout", 30_000);
        parameters.forEach((name, value) -> requester.parameter(Names.camelCase(name), value));
        requester.add();
    }

    /** An {@code idempotent-consumer} instance on {@code channel}, every message keyed by its exchange id. */
    void idempotentConsumer(String channel, int consumers) throws Exception {
        TemplatedRouteBuilder.builder(context, "idempotent-consumer")
                .routeId("bench-idempotent-consumer")
                .parameter("channel", channel)
                .parameter("handler", COUNT_HANDLER)
                .parameter("concurrentConsumers", consumers)
                .parameter("key", "${exchangeId}")
                .add();
    }

    /** A {@code point-to-point} instance on {@code channel} whose handler counts into {@code counter}. */
    void pointToPoint(String channel, int consumers, HandledCounter counter) throws Exception {
        String handler = "direct:bench-count-" + channel;
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(handler).routeId("bench-count-" + channel).process(exchange -> counter.handled());
            }
        });
        TemplatedRouteBuilder.builder(context, "point-to-point")
                .routeId("bench-point-to-point-" + channel)
                .parameter("channel", channel)
                .parameter("handler", handler)
                .parameter("concurrentConsumers", consumers)
                .add();
    }

    /** The name of fan-out target {@code n} of a bus channel. */
    static String target(String channel, int n) {
        return channel + ".target" + n;
    }

    /** An {@code event-bus} instance on {@code channel}, its two fan-out targets counted into {@link #handled()}. */
    void eventBus(String channel, Path rules, int consumers) throws Exception {
        TemplatedRouteBuilder.builder(context, "event-bus")
                .routeId("bench-event-bus")
                .parameter("channel", channel)
                .parameter("rulesFile", rules.toString())
                .parameter("concurrentConsumers", consumers)
                .parameter("reloadInterval", 0)
                .add();
        countArrivals(channel, handled);
    }

    /** The baseline of the bus: a plain route sending every message to the same two kinds of targets. */
    void plainFanOut(String channel, int consumers, HandledCounter counter) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("channel:" + channel + "?concurrentConsumers=" + consumers).routeId("bench-plain-fan-out")
                        .to("channel:" + target(channel, 1) + "?exchangePattern=InOnly")
                        .to("channel:" + target(channel, 2) + "?exchangePattern=InOnly");
            }
        });
        countArrivals(channel, counter);
    }

    private void countArrivals(String channel, HandledCounter counter) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (int n = 1; n <= 2; n++) {
                    from("channel:" + target(channel, n)).routeId("bench-arrivals-" + target(channel, n))
                            .process(exchange -> counter.handled());
                }
            }
        });
    }

    /** A caller of the request-reply instance: one synchronous request per call, as an HTTP thread would. */
    BenchTransport.Caller caller() {
        return payload -> producer.requestBody(REQUEST_SOURCE, payload, byte[].class);
    }

    @Override
    public void close() throws Exception {
        if (producer != null) {
            producer.close();
        }
        context.close();
    }

    /** What the JDBC idempotency store of this app committed so far; empty with another store. */
    java.util.Optional<io.edakit.jdbc.GroupCommitter.Counts> idempotencyCommits() {
        return java.util.Optional.ofNullable(context.getRegistry().lookupByNameAndType("edakitIdempotencyDatabase",
                io.edakit.idempotency.IdempotencyDatabase.class)).map(database -> database.committer().counts());
    }
}
