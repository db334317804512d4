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

    /** The name of the queue (or consumer group) the receivers of this address share. */
    public String consumerGroupName() {
        return group == null ? channel : group;
    }

    @Override
    public String toString() {
        return group == null ? channel : channel + "?group=" + group;
    }
}
