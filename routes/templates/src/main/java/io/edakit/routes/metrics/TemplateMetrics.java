package io.edakit.routes.metrics;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** Names of the per-template-instance metrics, and how a route marks a message as dropped. */
public final class TemplateMetrics {

    /**
     * Exchange property a route sets to {@code true} when it deliberately drops a message (duplicate,
     * stale, unmatched with a drop policy), so it is counted as dropped rather than completed.
     */
    public static final String DROPPED = "EdakitDropped";

    public static final String MESSAGES = "edakit.messages";
    public static final String PROCESSING = "edakit.processing";
    public static final String LATE_REPLIES = "edakit.request.late.replies";
    public static final String REQUEST_TIMEOUTS = "edakit.request.timeouts";

    /**
     * The latency histograms' buckets (upper bounds), 0.1 ms to 10 s, the same for every instance
     * and every timer edakit publishes (its own, and Camel's route timers in the application): a
     * query can sum them across instances and take a quantile of the whole ({@code histogram_quantile}).
     * Client-side percentiles instead write every exchange into a ring of decaying HdrHistograms,
     * and a p99 of one instance cannot be combined with another's. Fixed buckets rather than
     * Micrometer's percentile histogram: 16 series per timer instead of about 70, and boundaries an
     * operator can read.
     */
    public static final List<Duration> LATENCY_BUCKETS = Stream.of(0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 25.0, 50.0,
            100.0, 250.0, 500.0, 1_000.0, 2_500.0, 5_000.0, 10_000.0).map(ms -> Duration.ofNanos((long) (ms * 1e6))).toList();
    /** Events an event-bus rule matched, per bus instance and rule: {@code edakit_bus_rule_matches_total{route,rule}}. */
    public static final String BUS_RULE_MATCHES = "edakit.bus.rule.matches";

    public static final String TAG_ROUTE = "route";
    public static final String TAG_RULE = "rule";
    public static final String TAG_TEMPLATE = "template";
    public static final String TAG_OUTCOME = "outcome";

    private TemplateMetrics() {
    }
}
