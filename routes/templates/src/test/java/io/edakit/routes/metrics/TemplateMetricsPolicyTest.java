package io.edakit.routes.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * The processing time is published as a histogram of fixed buckets that instances share (so they
 * can be summed), with no percentiles computed in the process.
 */
class TemplateMetricsPolicyTest {

    @Test
    void processingTimeIsAHistogramOfTheFixedBucketsWithoutClientSidePercentiles() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:in").routeId("metered").routePolicy(new TemplateMetricsPolicy(registry))
                            .process(exchange -> { });
                }
            });
            context.start();
            ProducerTemplate producer = context.createProducerTemplate();
            for (int i = 0; i < 5; i++) {
                producer.sendBody("direct:in", "message " + i);
            }
        }

        Timer processing = registry.get(TemplateMetrics.PROCESSING).tag(TemplateMetrics.TAG_ROUTE, "metered").timer();
        HistogramSnapshot snapshot = processing.takeSnapshot();
        assertThat(snapshot.count()).isEqualTo(5);
        assertThat(snapshot.percentileValues()).isEmpty();
        assertThat(Arrays.stream(snapshot.histogramCounts()).mapToDouble(bucket -> bucket.bucket(TimeUnit.SECONDS)))
                .containsExactly(0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
                        1.0, 2.5, 5.0, 10.0);
        CountAtBucket last = snapshot.histogramCounts()[snapshot.histogramCounts().length - 1];
        assertThat(last.count()).as("every exchange took less than 10 s").isEqualTo(5);
        assertThat(registry.get(TemplateMetrics.MESSAGES).tag(TemplateMetrics.TAG_OUTCOME, "completed").counter()
                .count()).isEqualTo(5);
    }
}
