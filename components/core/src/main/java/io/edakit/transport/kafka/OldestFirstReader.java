package io.edakit.transport.kafka;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a {@link ChannelBacklog} once, oldest record first across partitions: each partition in
 * offset order from the admin's position up to the end offset of the backlog (what is appended
 * later is not read), and among partitions the head with the oldest timestamp first (ties by
 * partition number). Within a partition offset order always wins, even over a record timestamp
 * set out of order by its producer, because a position is one offset per partition.
 *
 * <p>The consumer is assigned the partitions (no group to join) and never commits. It holds at
 * most one poll's worth of records per partition: partitions with records in hand are paused.
 */
final class OldestFirstReader implements AutoCloseable {

    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final long STALL_MILLIS = 30_000;

    private final Consumer<String, byte[]> consumer;
    private final String channel;
    private final Map<TopicPartition, Long> ends = new HashMap<>();
    private final Map<TopicPartition, ArrayDeque<ConsumerRecord<String, byte[]>>> buffers = new HashMap<>();
    /** Partitions not yet read up to their end. */
    private final Set<TopicPartition> open = new HashSet<>();

    OldestFirstReader(Consumer<String, byte[]> consumer, ChannelBacklog backlog) {
        this.consumer = consumer;
        this.channel = backlog.channel();
        backlog.ends().forEach((partition, end) -> {
            if (backlog.waiting(partition) > 0) {
                ends.put(partition, end);
                buffers.put(partition, new ArrayDeque<>());
                open.add(partition);
            }
        });
        try {
            consumer.assign(open);
            open.forEach(partition -> consumer.seek(partition, backlog.positions().get(partition)));
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
    }

    /** The oldest record not read yet, or null when every partition is read up to its end. */
    ConsumerRecord<String, byte[]> next() throws TimeoutException {
        fill();
        TopicPartition oldest = null;
        ConsumerRecord<String, byte[]> oldestHead = null;
        for (Map.Entry<TopicPartition, ArrayDeque<ConsumerRecord<String, byte[]>>> entry : buffers.entrySet()) {
            ConsumerRecord<String, byte[]> head = entry.getValue().peek();
            if (head != null && (oldestHead == null || head.timestamp() < oldestHead.timestamp()
                    || head.timestamp() == oldestHead.timestamp() && head.partition() < oldestHead.partition())) {
                oldest = entry.getKey();
                oldestHead = head;
            }
        }
        return oldest == null ? null : buffers.get(oldest).poll();
    }

    /** Polls until every partition not read to its end has a record in hand. */
    private void fill() throws TimeoutException {
        long lastProgress = System.nanoTime();
        while (true) {
            List<TopicPartition> starving = new ArrayList<>();
            for (TopicPartition partition : List.copyOf(open)) {
                if (buffers.get(partition).isEmpty()) {
                    if (consumer.position(partition) >= ends.get(partition)) {
                        open.remove(partition); // read up to the snapshot's end
                    } else {
                        starving.add(partition);
                    }
                }
            }
            if (starving.isEmpty()) {
                return;
            }
            Set<TopicPartition> holding = new HashSet<>(ends.keySet());
            starving.forEach(holding::remove);
            consumer.pause(holding);
            consumer.resume(starving);
            boolean progress = false;
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL_TIMEOUT)) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                Long end = ends.get(partition);
                if (end != null && record.offset() < end) { // later records arrived during the call
                    buffers.get(partition).add(record);
                }
                progress = true;
            }
            if (progress) {
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS)) {
                throw new TimeoutException("no record of channel '" + channel + "' arrived within " + STALL_MILLIS
                        + " ms from partitions " + starving + " (positions " + positions(starving) + ", ends "
                        + ends + ")");
            }
        }
    }

    private Map<TopicPartition, Long> positions(List<TopicPartition> partitions) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        partitions.forEach(partition -> positions.put(partition, consumer.position(partition)));
        return positions;
    }

    @Override
    public void close() {
        consumer.close(Duration.ZERO); // nothing to commit, no group to leave
    }
}
