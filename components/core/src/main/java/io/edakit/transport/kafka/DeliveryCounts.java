package io.edakit.transport.kafka;

import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

import org.apache.kafka.common.TopicPartition;

/**
 * How often this process has delivered each record of one consumer group, so that
 * {@code deliveryCount} is 1 on first delivery and counts up when a record comes again: after a
 * rejection rewound its partition, or after its partition moved to another consumer of the same
 * group in this process. Kafka itself keeps no such count; a record redelivered by another process
 * starts again at 1.
 *
 * <p>Only records past the group's committed offset are remembered: committing forgets the rest,
 * which bounds the memory by the uncommitted window.
 */
final class DeliveryCounts {

    private final Map<TopicPartition, NavigableMap<Long, Integer>> counts = new ConcurrentHashMap<>();

    /** Records one more delivery of a record and returns how many there have been. */
    int delivered(TopicPartition partition, long offset) {
        return forPartition(partition).merge(offset, 1, Integer::sum);
    }

    /** How many deliveries of the record this process has seen (0 if none). */
    int count(TopicPartition partition, long offset) {
        NavigableMap<Long, Integer> byOffset = counts.get(partition);
        Integer count = byOffset == null ? null : byOffset.get(offset);
        return count == null ? 0 : count;
    }

    /** The group committed {@code offset}: records before it will not be delivered again. */
    void committed(TopicPartition partition, long offset) {
        NavigableMap<Long, Integer> byOffset = counts.get(partition);
        if (byOffset != null) {
            byOffset.headMap(offset, false).clear();
        }
    }

    private NavigableMap<Long, Integer> forPartition(TopicPartition partition) {
        return counts.computeIfAbsent(partition, p -> new ConcurrentSkipListMap<>());
    }
}
