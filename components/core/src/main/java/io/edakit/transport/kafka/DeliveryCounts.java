package io.edakit.transport.kafka;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.TopicPartition;

/**
 * How often this process has delivered each record of one consumer group, so that
 * {@code deliveryCount} is 1 on first delivery and counts up when a record comes again: after a
 * rejection rewound its partition, or after its partition moved to another consumer of the same
 * group in this process. Kafka itself keeps no such count; a record redelivered by another process
 * starts again at 1.
 *
 * <p>Cost: almost every record is delivered once, so a partition keeps only the offset after the
 * highest it delivered (a record beyond it is new: count 1, nothing stored) and counts by offset
 * for the records delivered again, which are few. Storing a count for every record (a sorted map
 * entry per record, cleared on every commit) was about 8 % of a consumer thread's samples.
 * Committing forgets the counts before the committed offset, which bounds the memory by the
 * uncommitted window.
 */
final class DeliveryCounts {

    private final Map<TopicPartition, Partition> partitions = new ConcurrentHashMap<>();

    /** One partition's counts. Locked per partition: its consumer may change within the process. */
    private static final class Partition {
        /** The offset after the highest delivered; every record from here on was never delivered. */
        private long nextNew = Long.MIN_VALUE;
        /** Deliveries of records delivered more than once, by offset. */
        private final TreeMap<Long, Integer> again = new TreeMap<>();

        synchronized int delivered(long offset) {
            if (offset >= nextNew) {
                nextNew = offset + 1;
                return 1;
            }
            return again.merge(offset, 2, (count, ignored) -> count + 1);
        }

        synchronized int count(long offset) {
            if (offset >= nextNew) {
                return 0;
            }
            return again.getOrDefault(offset, 1);
        }

        synchronized void committed(long offset) {
            if (!again.isEmpty()) {
                again.headMap(offset, false).clear();
            }
        }
    }

    /** Records one more delivery of a record and returns how many there have been. */
    int delivered(TopicPartition partition, long offset) {
        return partitions.computeIfAbsent(partition, p -> new Partition()).delivered(offset);
    }

    /** How many deliveries of a delivered record this process has seen (0 if it delivered none from there on). */
    int count(TopicPartition partition, long offset) {
        Partition counts = partitions.get(partition);
        return counts == null ? 0 : counts.count(offset);
    }

    /** The group committed {@code offset}: records before it will not be delivered again. */
    void committed(TopicPartition partition, long offset) {
        Partition counts = partitions.get(partition);
        if (counts != null) {
            counts.committed(offset);
        }
    }
}
