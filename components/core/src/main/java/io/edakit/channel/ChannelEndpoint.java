package io.edakit.channel;

import io.edakit.config.Durations;
import io.edakit.fairness.CostMode;
import io.edakit.fairness.FairnessPolicy;
import io.edakit.fairness.TenantKey;
import io.edakit.fairness.TenantValues;
import io.edakit.transport.ChannelAddress;
import io.edakit.transport.SendOptions;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * A transport-neutral message channel (URI channel:name, with options) on Artemis or Kafka. Consumers without a
 * {@code group} compete for the channel's messages; consumers with a group each receive every
 * message once per group. Producers send one way (InOnly) or request-reply (InOut).
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "channel", title = "edakit channel", syntax = "channel:name",
        category = {Category.MESSAGING}, headersClass = ChannelHeaders.class)
public final class ChannelEndpoint extends DefaultEndpoint {

    private static final int DEFAULT_MIN_IN_FLIGHT = 64;

    @UriPath(description = "Channel name")
    @Metadata(required = true)
    private final String name;

    @UriParam(label = "consumer", description = "Subscriber group: each group receives every message of the channel")
    private String group;

    @UriParam(label = "consumer", defaultValue = "1",
            description = "Worker threads processing messages (and ordered lanes for keyed messages)")
    private int concurrentConsumers = 1;

    @UriParam(label = "consumer", defaultValue = "0",
            description = "Messages received but not finished at most; 0 means 64, or 4 per concurrent consumer if more")
    private int maxInFlight;

    @UriParam(label = "consumer",
            description = "Header whose value orders processing: same value, one after another. "
                    + "Default: the key the message was sent with, if any")
    private String orderingKey;

    @UriParam(label = "consumer", defaultValue = "0", description = "Messages per second at most; 0 for no limit")
    private double rateLimit;

    // text, read by edakit's Durations: Camel's Duration conversion (what javaType Duration would use) reads "2 sec" as zero
    @UriParam(label = "consumer", defaultValue = "30s", javaType = "java.lang.String",
            description = "On stop, how long to wait for messages in flight to finish (500ms, 30s; a bare number is ms)")
    private long drainTimeout = 30_000;

    @UriParam(label = "common,fairness",
            description = "Fairness key: a simple expression naming the tenant, e.g. ${header.ce_tenant}; empty: off. "
                    + "Producers send into the tenant's lane, consumers share their consumers fairly between tenants")
    private String fairnessKey;

    @UriParam(label = "consumer,fairness",
            description = "Tenant weights, tenant=weight separated by commas (default 1 each), or file:path, read again when it changes")
    private String fairnessWeights;

    @UriParam(label = "consumer,fairness", defaultValue = "1",
            description = "While others wait, one tenant holds at most this share of the consumers (0 to 1)")
    private double fairnessMaxShare = 1;

    @UriParam(label = "consumer,fairness", defaultValue = "handler-time", enums = "handler-time,count",
            description = "What a message costs its tenant: its handler time, or one")
    private String fairnessCost = "handler-time";

    @UriParam(label = "consumer,fairness",
            description = "Strict priority levels, tenant=level (default 0, higher first), fair within a level")
    private String fairnessPriorities;

    @UriParam(label = "common,fairness", defaultValue = "16",
            description = "Lanes the channel's backlog is split into on the broker; producers and consumers must agree")
    private int fairnessLanes = FairnessPolicy.DEFAULT_LANES;

    @UriParam(label = "producer", defaultValue = "true", description = "Whether the broker persists sent messages")
    private boolean persistent = true;

    @UriParam(label = "producer", defaultValue = "30s", javaType = "java.lang.String",
            description = "Request-reply: how long to wait for the reply (500ms, 30s; a bare number is ms)")
    private long requestTimeout = 30_000;

    ChannelEndpoint(String uri, ChannelComponent component, String name) {
        super(uri, component);
        this.name = name;
    }

    @Override
    public ChannelComponent getComponent() {
        return (ChannelComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new ChannelProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        ChannelConsumer consumer = new ChannelConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** The fairness policy, or null when the channel has no fairness key. Bad values throw, naming what was expected. */
    FairnessPolicy fairnessPolicy() {
        if (fairnessKey == null) {
            return null;
        }
        return new FairnessPolicy(TenantValues.weights(fairnessWeights), TenantValues.priorities(fairnessPriorities),
                fairnessMaxShare, CostMode.parse(fairnessCost), fairnessLanes);
    }

    TenantKey tenantKey() {
        return fairnessKey == null ? null : TenantKey.of(fairnessKey, getCamelContext());
    }

    ChannelAddress address() {
        return new ChannelAddress(name, group);
    }

    SendOptions sendOptions() {
        return persistent ? SendOptions.PERSISTENT : SendOptions.NON_PERSISTENT;
    }

    int effectiveMaxInFlight() {
        // a small window bounds nothing (the broker client prefetches anyway) but wakes the receiver
        // for every settled message: measured, 4 cost a quarter of the consumer's throughput
        return maxInFlight > 0 ? maxInFlight : Math.max(DEFAULT_MIN_IN_FLIGHT, 4 * concurrentConsumers);
    }

    public String getName() {
        return name;
    }

    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = group == null || group.isBlank() ? null : group;
    }

    public int getConcurrentConsumers() {
        return concurrentConsumers;
    }

    public void setConcurrentConsumers(int concurrentConsumers) {
        if (concurrentConsumers < 1) {
            throw new IllegalArgumentException("concurrentConsumers must be at least 1, was " + concurrentConsumers);
        }
        this.concurrentConsumers = concurrentConsumers;
    }

    public int getMaxInFlight() {
        return maxInFlight;
    }

    public void setMaxInFlight(int maxInFlight) {
        this.maxInFlight = maxInFlight;
    }

    public String getOrderingKey() {
        return orderingKey;
    }

    public void setOrderingKey(String orderingKey) {
        this.orderingKey = orderingKey == null || orderingKey.isBlank() ? null : orderingKey;
    }

    public double getRateLimit() {
        return rateLimit;
    }

    public void setRateLimit(double rateLimit) {
        this.rateLimit = rateLimit;
    }

    public long getDrainTimeout() {
        return drainTimeout;
    }

    /** As {@link Durations} reads it (Camel's own conversion would read {@code 2 sec} as zero); 0: do not wait. */
    public void setDrainTimeout(String drainTimeout) {
        this.drainTimeout = Durations.parse(drainTimeout, true).toMillis();
    }

    public String getFairnessKey() {
        return fairnessKey;
    }

    public void setFairnessKey(String fairnessKey) {
        this.fairnessKey = fairnessKey == null || fairnessKey.isBlank() ? null : fairnessKey;
    }

    public String getFairnessWeights() {
        return fairnessWeights;
    }

    public void setFairnessWeights(String fairnessWeights) {
        TenantValues.weights(fairnessWeights); // refuses a bad value now, naming what it expected
        this.fairnessWeights = fairnessWeights;
    }

    public double getFairnessMaxShare() {
        return fairnessMaxShare;
    }

    public void setFairnessMaxShare(double fairnessMaxShare) {
        if (!(fairnessMaxShare > 0 && fairnessMaxShare <= 1)) {
            throw new IllegalArgumentException("fairnessMaxShare: expected a share more than 0 and at most 1, was "
                    + fairnessMaxShare);
        }
        this.fairnessMaxShare = fairnessMaxShare;
    }

    public String getFairnessCost() {
        return fairnessCost;
    }

    public void setFairnessCost(String fairnessCost) {
        CostMode.parse(fairnessCost);
        this.fairnessCost = fairnessCost == null || fairnessCost.isBlank() ? "handler-time" : fairnessCost;
    }

    public String getFairnessPriorities() {
        return fairnessPriorities;
    }

    public void setFairnessPriorities(String fairnessPriorities) {
        TenantValues.priorities(fairnessPriorities);
        this.fairnessPriorities = fairnessPriorities;
    }

    public int getFairnessLanes() {
        return fairnessLanes;
    }

    public void setFairnessLanes(int fairnessLanes) {
        if (fairnessLanes < 1 || fairnessLanes > 1024) {
            throw new IllegalArgumentException("fairnessLanes: expected between 1 and 1024, was " + fairnessLanes);
        }
        this.fairnessLanes = fairnessLanes;
    }

    public boolean isPersistent() {
        return persistent;
    }

    public void setPersistent(boolean persistent) {
        this.persistent = persistent;
    }

    public long getRequestTimeout() {
        return requestTimeout;
    }

    /** As {@link Durations} reads it: more than zero, a bare number is milliseconds. */
    public void setRequestTimeout(String requestTimeout) {
        this.requestTimeout = Durations.parse(requestTimeout).toMillis();
    }
}
