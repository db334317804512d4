package io.edakit.routes.metrics;

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

    /** Events an event-bus rule matched, per bus instance and rule: {@code edakit_bus_rule_matches_total{route,rule}}. */
    public static final String BUS_RULE_MATCHES = "edakit.bus.rule.matches";

    public static final String TAG_ROUTE = "route";
    public static final String TAG_RULE = "rule";
    public static final String TAG_TEMPLATE = "template";
    public static final String TAG_OUTCOME = "outcome";

    private TemplateMetrics() {
    }
}
