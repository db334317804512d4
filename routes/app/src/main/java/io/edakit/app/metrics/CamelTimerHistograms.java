package io.edakit.app.metrics;

import java.time.Duration;

import io.edakit.routes.metrics.TemplateMetrics;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

/**
 * Gives Camel's own timers (the route timers of camel-micrometer, {@code camel_route_policy_seconds})
 * the histogram buckets of edakit's ({@link TemplateMetrics#LATENCY_BUCKETS}), so that every latency
 * the application publishes is a histogram that aggregates across instances; Camel publishes only
 * count, sum and max otherwise. Client-side percentiles stay off everywhere. Runs once Camel Main
 * has created the meter registry and before any route registers a timer.
 */
public final class CamelTimerHistograms extends MainListenerSupport {

    private static final Duration[] BUCKETS = TemplateMetrics.LATENCY_BUCKETS.toArray(Duration[]::new);

    @Override
    public void afterConfigure(BaseMainSupport main) {
        MeterRegistry registry = main.getCamelContext().getRegistry().findSingleByType(MeterRegistry.class);
        if (registry != null) {
            registry.config().meterFilter(new MeterFilter() {
                @Override
                public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                    if (id.getType() != Meter.Type.TIMER || !id.getName().startsWith("camel.")) {
                        return config;
                    }
                    return DistributionStatisticConfig.builder().serviceLevelObjectives(
                            java.util.Arrays.stream(BUCKETS).mapToDouble(Duration::toNanos).toArray())
                            .build().merge(config);
                }
            });
        }
    }
}
