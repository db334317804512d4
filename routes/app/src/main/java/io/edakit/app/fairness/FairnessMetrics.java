package io.edakit.app.fairness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.edakit.fairness.FairnessRegistry;
import io.edakit.fairness.TenantSnapshot;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.apache.camel.builder.RouteBuilder;

/**
 * Per-tenant gauges of the fair channels, with bounded labels: the {@value #TOP} tenants with the
 * largest recent share keep their name, the rest are summed into {@code tenant="other"} (a label
 * per tenant would let ten thousand tenants blow up the metrics store). Refreshed every 5 s:
 * {@code edakit_fairness_backlog}, {@code _in_flight}, {@code _share}, {@code _weight},
 * {@code _dwell_p99_seconds} (max over "other"), {@code _noisy} (1 or 0; "other": how many), each
 * tagged {@code channel} and {@code tenant}.
 */
public final class FairnessMetrics extends RouteBuilder {

    static final int TOP = 10;
    static final String OTHER = "other";

    private MultiGauge backlog;
    private MultiGauge inFlight;
    private MultiGauge share;
    private MultiGauge weight;
    private MultiGauge dwellP99;
    private MultiGauge noisy;

    @Override
    public void configure() {
        from("timer:edakit-fairness-metrics?period=5000&delay=1000").routeId("edakit-fairness-metrics")
                .process(exchange -> refresh(exchange.getContext().getRegistry().findSingleByType(MeterRegistry.class)));
    }

    private synchronized void refresh(MeterRegistry registry) {
        if (registry == null) {
            return;
        }
        if (backlog == null) {
            backlog = MultiGauge.builder("edakit.fairness.backlog").description("Messages read, waiting in the scheduler")
                    .register(registry);
            inFlight = MultiGauge.builder("edakit.fairness.in.flight").register(registry);
            share = MultiGauge.builder("edakit.fairness.share").description("Recent share of the cost").register(registry);
            weight = MultiGauge.builder("edakit.fairness.weight").register(registry);
            dwellP99 = MultiGauge.builder("edakit.fairness.dwell.p99").baseUnit("seconds").register(registry);
            noisy = MultiGauge.builder("edakit.fairness.noisy").register(registry);
        }
        Map<String, List<TenantSnapshot>> tenants = new java.util.TreeMap<>();
        FairnessRegistry.running().forEach((channel, receiver) -> tenants.put(channel, receiver.tenants()));
        List<Row> rows = rows(tenants);
        backlog.register(rows.stream().map(r -> MultiGauge.Row.of(r.tags(), r.backlog())).toList(), true);
        inFlight.register(rows.stream().map(r -> MultiGauge.Row.of(r.tags(), r.inFlight())).toList(), true);
        share.register(rows.stream().map(r -> MultiGauge.Row.of(r.tags(), r.share())).toList(), true);
        weight.register(rows.stream().map(r -> MultiGauge.Row.of(r.tags(), r.weight())).toList(), true);
        dwellP99.register(rows.stream().map(r -> MultiGauge.Row.of(r.tags(), r.dwellP99Seconds())).toList(), true);
        noisy.register(rows.stream().map(r -> MultiGauge.Row.of(r.tags(), r.noisy())).toList(), true);
    }

    /** The top tenants of each channel by share, and one "other" row summing the rest. */
    static List<Row> rows(Map<String, List<TenantSnapshot>> running) {
        List<Row> rows = new ArrayList<>();
        running.forEach((channel, tenants) -> { // each list busiest first
            Row other = new Row(Tags.of("channel", channel, "tenant", OTHER), 0, 0, 0, 0, 0, 0);
            for (int i = 0; i < tenants.size(); i++) {
                TenantSnapshot t = tenants.get(i);
                if (i < TOP) {
                    rows.add(new Row(Tags.of("channel", channel, "tenant", t.tenant()), t.waiting(), t.inFlight(),
                            t.share(), t.weight(), t.dwellP99Millis() / 1000.0, t.noisy() ? 1 : 0));
                } else {
                    other = new Row(other.tags(), other.backlog() + t.waiting(), other.inFlight() + t.inFlight(),
                            other.share() + t.share(), 0, Math.max(other.dwellP99Seconds(), t.dwellP99Millis() / 1000.0),
                            other.noisy() + (t.noisy() ? 1 : 0));
                }
            }
            if (tenants.size() > TOP) {
                rows.add(other);
            }
        });
        return rows;
    }

    record Row(Tags tags, double backlog, double inFlight, double share, double weight, double dwellP99Seconds,
               double noisy) {
    }
}
