package io.edakit.transport;

import java.util.Objects;

/**
 * Where a receiver reads from: a channel, and optionally a subscriber group on it.
 *
 * <p>Without a group the receivers of a channel compete for its messages (point-to-point). Each
 * named group gets every message of the channel, and the members of one group compete
 * (publish-subscribe). Transports map this onto their own model: an Artemis multicast address with
 * one queue per group, or a Kafka topic with one consumer group per group.
 */
public record ChannelAddress(String channel, String group) {

    /**
     * Between channel and group in {@link #consumerGroupName()}: not a character of Artemis' FQQN
     * syntax ({@code ::}) nor of Kafka's topic names, so a group's name never passes for a channel.
     */
    public static final String GROUP_SEPARATOR = "@";

    public ChannelAddress {
        Objects.requireNonNull(channel, "channel");
        if (channel.isBlank()) {
            throw new IllegalArgumentException("channel name must not be blank");
        }
        if (group != null && group.isBlank()) {
            group = null;
        }
    }

    public static ChannelAddress pointToPoint(String channel) {
        return new ChannelAddress(channel, null);
    }

    public static ChannelAddress subscriberGroup(String channel, String group) {
        return new ChannelAddress(channel, Objects.requireNonNull(group, "group"));
    }

    public boolean isPointToPoint() {
        return group == null;
    }

    /**
     * The name of what the receivers of this address share: the Artemis queue or the Kafka consumer
     * group. The channel's own name for point-to-point, {@code channel@group} for a subscriber group
     * (the channel is part of it: a group name alone would join the groups of two channels).
     */
    public String consumerGroupName() {
        return group == null ? channel : channel + GROUP_SEPARATOR + group;
    }

    /** Whether a queue or consumer-group name is a subscriber group's (as opposed to a channel's own). */
    public static boolean isSubscriberGroupName(String name) {
        return name.contains(GROUP_SEPARATOR);
    }

    @Override
    public String toString() {
        return group == null ? channel : channel + "?group=" + group;
    }
}
