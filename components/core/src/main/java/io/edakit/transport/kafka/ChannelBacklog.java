package io.edakit.transport.kafka;

import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/**
 * What waits in one channel's topic for the admin: per partition, the admin's position (the next
 * offset it has not decided on) and the end offset, both read at one moment. Everything in
 * between is waiting.
 *
 * @param channel   the channel (topic) name
 * @param positions partition to the admin's position, never below the partition's first offset
 * @param ends      partition to its end offset (the offset the next record will get)
 */
record ChannelBacklog(String channel, Map<TopicPartition, Long> positions, Map<TopicPartition, Long> ends) {

    ChannelBacklog {
        positions = Map.copyOf(positions);
        ends = Map.copyOf(ends);
    }

    long waiting(TopicPartition partition) {
        return Math.max(0, ends.get(partition) - positions.get(partition));
    }

    long waiting() {
        return ends.keySet().stream().mapToLong(this::waiting).sum();
    }
}
