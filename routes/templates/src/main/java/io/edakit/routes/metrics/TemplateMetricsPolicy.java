package io.edakit.routes.metrics;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.Exchange;
import io.edakit.deadletter.DeadLetterPreparer;
import io.edakit.routes.templates.TemplateSupport;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;

/**
 * Counts what becomes of each message a template instance takes in: received, then exactly one
 * of completed, dead-lettered, dropped or failed (failed: it will be delivered again), plus the
 * processing time as a histogram of fixed buckets (no percentiles computed in the process). Tagged with the instance's route id
 * and template id, so a Prometheus query can balance the counts per instance.
 */
final class TemplateMetricsPolicy extends RoutePolicySupport {

    private static final String STARTED = "EdakitMetricsStarted";

    /** The processing time's buckets: {@link TemplateMetrics#LATENCY_BUCKETS}. */
    static final Duration[] BUCKETS = TemplateMetrics.LATENCY_BUCKETS.toArray(Duration[]::new);

    private final MeterRegistry registry;
    private Counter received;
    private Counter completed;
    private Counter failed;
    private Counter dropped;
    private Counter deadLettered;
    private Timer processing;

    TemplateMetricsPolicy(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onInit(Route route) {
        Object template = route.getProperties().get(TemplateSupport.TEMPLATE_ID_PROPERTY);
        String templateId = template == null ? "" : template.toString();
        received = counter(route, templateId, "received");
        completed = counter(route, templateId, "completed");
        failed = counter(route, templateId, "failed");
        dropped = counter(route, templateId, "dropped");
        deadLettered = counter(route, templateId, "dead-lettered");
        processing = Timer.builder(TemplateMetrics.PROCESSING)
                .description("Time from receipt to the end of processing, per template instance")
                .tag(TemplateMetrics.TAG_ROUTE, route.getRouteId())
                .tag(TemplateMetrics.TAG_TEMPLATE, templateId)
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    private Counter counter(Route route, String templateId, String outcome) {
        return Counter.builder(TemplateMetrics.MESSAGES)
                .description("Messages per template instance and outcome")
                .tag(TemplateMetrics.TAG_ROUTE, route.getRouteId())
                .tag(TemplateMetrics.TAG_TEMPLATE, templateId)
                .tag(TemplateMetrics.TAG_OUTCOME, outcome)
                .register(registry);
    }

    @Override
    public void onExchangeBegin(Route route, Exchange exchange) {
        received.increment();
        exchange.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void onExchangeDone(Route route, Exchange exchange) {
        Long started = exchange.getProperty(STARTED, Long.class);
        if (started != null) {
            processing.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
        if (exchange.isFailed() || exchange.isRollbackOnly()) {
            failed.increment();
        } else if (exchange.getProperty(DeadLetterPreparer.DEAD_LETTERED, false, Boolean.class)) {
            deadLettered.increment();
        } else if (exchange.getProperty(TemplateMetrics.DROPPED, false, Boolean.class)) {
            dropped.increment();
        } else {
            completed.increment();
        }
    }
}
