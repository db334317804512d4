package io.edakit.transport.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.edakit.transport.MessageSink;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.OffsetMetadataTooLarge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One KafkaConsumer and the thread that owns it. A KafkaConsumer must only be used by one thread,
 * while records are settled on worker threads; so settlements are queued (see
 * {@link RecordSettlement}) and this thread applies them between polls, then rewinds, delivers,
 * commits and fetches, in that order, round after round.
 *
 * <p>Offsets: each partition commits up to its first record that is not accepted yet, with the
 * records accepted beyond it in the commit's metadata ({@link PartitionProgress}, {@link
 * HandledOffsets}), so a slow or retried record holds back no other record's commit. Commits are
 * asynchronous, every {@value #COMMIT_INTERVAL_MILLIS} ms or as soon as half the records the window
 * lets wait for one do; synchronous when the window is full of records waiting for a commit, when a
 * partition is revoked and when the loop stops. A record keeps its room in the window
 * ({@link InFlightWindow}) until a confirmed commit covers it, which is what bounds the records a
 * crash hands to the handler again. A revoked partition is first given up to
 * {@value #REVOKE_DRAIN_MILLIS} ms to settle its records in flight, so the next owner starts right
 * after them instead of delivering them a second time.
 *
 * <p>Rejection: the partition stops delivering, waits until its records in flight have settled,
 * then seeks back to the lowest rejected offset after a redelivery delay that doubles with each
 * delivery of that record (like the embedded Artemis broker's), so a failing record does not spin.
 */
final class ConsumerLoop implements Runnable, RecordSettlement.Outcomes {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLoop.class);

    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final long WAIT_MILLIS = 50;
    private static final long COMMIT_INTERVAL_MILLIS = 200;
    private static final long REVOKE_DRAIN_MILLIS = 10_000;
    private static final Duration COMMIT_SYNC_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final long FAILURE_BACKOFF_MILLIS = 500;
    private static final long FIRST_REDELIVERY_DELAY_MILLIS = 100;
    private static final long MAX_REDELIVERY_DELAY_MILLIS = 5_000;

    private record Settled(PartitionProgress partition, long offset, Throwable failure) {
    }

    /** Commits of several partitions, sent together. */
    private record Commits(Map<PartitionProgress, PartitionProgress.Commit> byPartition) {
        Map<TopicPartition, OffsetAndMetadata> offsets() {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            byPartition.forEach((progress, commit) -> offsets.put(progress.partition(), commit.toKafka()));
            return offsets;
        }
    }

    private final String name;
    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final MessageSink sink;
    private final InFlightWindow window;
    private final DeliveryCounts deliveryCounts;
    private final Queue<Settled> settlements = new ConcurrentLinkedQueue<>();
    private final Map<TopicPartition, PartitionProgress> partitions = new LinkedHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    private volatile boolean running = true;
    private volatile long stopDeadlineNanos;
    private volatile Set<TopicPartition> assignment = Set.of();
    private long lastCommitNanos = System.nanoTime();
    private int acceptedSinceCommit;
    private int maxMetadataChars = HandledOffsets.MAX_CHARS;

    ConsumerLoop(String name, Consumer<String, byte[]> consumer, String topic, MessageSink sink,
                 InFlightWindow window, DeliveryCounts deliveryCounts) {
        this.name = name;
        this.consumer = consumer;
        this.topic = topic;
        this.sink = sink;
        this.window = window;
        this.deliveryCounts = deliveryCounts;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic), new Rebalance());
            while (running) {
                try {
                    round();
                } catch (RuntimeException e) {
                    if (running) {
                        LOG.warn("Kafka receiver {} failed to read; retrying: {}", name, e.toString());
                        window.await(FAILURE_BACKOFF_MILLIS);
                    }
                }
            }
            drain();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Kafka receiver {} stopped on an unexpected failure", name, e);
        } finally {
            close();
        }
    }

    /** Asks the loop to stop reading and to wait for its records in flight until {@code deadlineNanos}. */
    void stop(long deadlineNanos) {
        stopDeadlineNanos = deadlineNanos;
        running = false;
        window.signal();
    }

    /** Records this loop delivered that are not settled yet. */
    int inFlight() {
        return inFlight.get();
    }

    /** The partitions this consumer reads now. */
    Set<TopicPartition> assignment() {
        return assignment;
    }

    @Override
    public void settled(PartitionProgress partition, long offset, Throwable failure) {
        settlements.add(new Settled(partition, offset, failure));
        inFlight.decrementAndGet();
        if (failure == null) {
            window.accepted();
        } else {
            window.rejected();
        }
    }

    private void round() throws InterruptedException {
        applySettlements();
        rewindRejected();
        deliverFetched();
        commitIfDue();
        fetch();
    }

    private void applySettlements() {
        Settled settled;
        while ((settled = settlements.poll()) != null) {
            PartitionProgress partition = settled.partition();
            boolean owned = partitions.get(partition.partition()) == partition;
            if (settled.failure() == null) {
                if (owned && partition.accepted(settled.offset())) {
                    acceptedSinceCommit++;
                } else {
                    // revoked meanwhile (its next owner delivers the record again) or settled twice:
                    // no commit of this loop will cover it
                    window.committed(1);
                }
            } else if (owned) {
                LOG.debug("Kafka receiver {}: record {}@{} rejected, it will be delivered again: {}", name,
                        partition.partition(), settled.offset(), settled.failure().toString());
                partition.rejected(settled.offset());
            }
        }
    }

    private void rewindRejected() {
        for (PartitionProgress partition : partitions.values()) {
            if (partition.rewindDue()) {
                long offset = partition.rejectedOffset();
                long delay = redeliveryDelayMillis(deliveryCounts.count(partition.partition(), offset));
                consumer.seek(partition.partition(), offset);
                window.committed(partition.rewound(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay)));
                LOG.debug("Kafka receiver {}: {} rewound to offset {}, redelivery in {} ms", name,
                        partition.partition(), offset, delay);
            }
        }
    }

    private static long redeliveryDelayMillis(int deliveries) {
        int doublings = Math.min(Math.max(deliveries - 1, 0), 16);
        return Math.min(MAX_REDELIVERY_DELAY_MILLIS, FIRST_REDELIVERY_DELAY_MILLIS << doublings);
    }

    /** Hands fetched records to the sink while the in-flight window has room, one partition after another. */
    private void deliverFetched() {
        boolean delivered = true;
        while (delivered) {
            delivered = false;
            for (PartitionProgress partition : partitions.values()) {
                partition.skipHandledEarlier();
                if (partition.hasDeliverable()) {
                    if (!window.tryAcquire()) {
                        return;
                    }
                    deliver(partition, partition.nextToDeliver());
                    delivered = true;
                }
            }
        }
    }

    private void deliver(PartitionProgress partition, ConsumerRecord<String, byte[]> record) {
        partition.delivered(record.offset());
        inFlight.incrementAndGet();
        int deliveryCount = deliveryCounts.delivered(partition.partition(), record.offset());
        RecordSettlement settlement = new RecordSettlement(this, partition, record.offset());
        try {
            sink.deliver(RecordMapping.fromRecord(record, deliveryCount), settlement);
        } catch (RuntimeException e) {
            LOG.warn("Kafka receiver {}: the sink refused record {}@{}; it will be delivered again: {}", name,
                    partition.partition(), record.offset(), e.toString());
            settlement.reject(e);
        }
    }

    /**
     * Pauses the partitions that must not fetch now (window full, records waiting, rewind or
     * redelivery delay pending) and polls the others. With nothing to fetch it waits for a
     * settlement instead, and still polls (without waiting) to keep its place in the group.
     */
    private void fetch() throws InterruptedException {
        long now = System.nanoTime();
        boolean windowFull = window.isFull();
        List<TopicPartition> paused = new ArrayList<>();
        List<TopicPartition> fetching = new ArrayList<>();
        for (PartitionProgress partition : partitions.values()) {
            (windowFull || partition.holdsFetching(now) ? paused : fetching).add(partition.partition());
        }
        consumer.pause(paused);
        consumer.resume(fetching);
        ConsumerRecords<String, byte[]> records;
        if (fetching.isEmpty() && !paused.isEmpty()) {
            window.await(WAIT_MILLIS);
            records = consumer.poll(Duration.ZERO);
        } else {
            records = consumer.poll(POLL_TIMEOUT);
        }
        for (ConsumerRecord<String, byte[]> record : records) {
            PartitionProgress partition = partitions.get(new TopicPartition(record.topic(), record.partition()));
            if (partition != null) {
                partition.fetched(record);
            }
        }
    }

    /**
     * Commits asynchronously when the interval passed or half the records the window lets wait for
     * a commit do; synchronously when the window is full of them (the consumer could deliver nothing
     * until a commit confirms anyway).
     */
    private void commitIfDue() {
        if (window.waitsForCommit()) {
            commitNow(partitions.values(), true);
            return;
        }
        long now = System.nanoTime();
        if (acceptedSinceCommit < window.commitBatch()
                && now - lastCommitNanos < TimeUnit.MILLISECONDS.toNanos(COMMIT_INTERVAL_MILLIS)) {
            return;
        }
        Commits commits = commits(partitions.values(), false);
        if (commits.byPartition().isEmpty()) {
            return;
        }
        consumer.commitAsync(commits.offsets(), (committed, failure) -> {
            if (failure == null) {
                confirmed(commits);
            } else {
                LOG.debug("Kafka receiver {}: commit failed, retrying with the next one: {}", name, failure.toString());
                commitFailed(commits, failure);
            }
        });
    }

    /**
     * Commits and waits for the answer. {@code again}: also partitions whose state was sent
     * already (by a commit not confirmed yet), as long as that makes an accepted record safe.
     */
    private void commitNow(Collection<PartitionProgress> progress, boolean again) {
        Commits commits = commits(progress, again);
        if (commits.byPartition().isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(commits.offsets(), COMMIT_SYNC_TIMEOUT);
            confirmed(commits);
        } catch (KafkaException e) {
            commitFailed(commits, e);
            LOG.warn("Kafka receiver {} could not commit {}; records after the last committed offsets will be "
                    + "delivered again: {}", name, commits.offsets(), e.toString());
        }
    }

    private Commits commits(Collection<PartitionProgress> progress, boolean again) {
        lastCommitNanos = System.nanoTime();
        acceptedSinceCommit = 0;
        Map<PartitionProgress, PartitionProgress.Commit> commits = new LinkedHashMap<>();
        for (PartitionProgress partition : progress) {
            partition.commit(again, maxMetadataChars)
                    .filter(commit -> !again || partition.covers(commit))
                    .ifPresent(commit -> {
                        commits.put(partition, commit);
                        partition.commitSent(commit);
                        deliveryCounts.committed(partition.partition(), commit.offset());
                    });
        }
        return new Commits(commits);
    }

    /** A commit went through: the records it covers leave the window, on partitions still owned. */
    private void confirmed(Commits commits) {
        commits.byPartition().forEach((progress, commit) -> {
            if (partitions.get(progress.partition()) == progress) {
                window.committed(progress.commitConfirmed(commit));
            }
        });
    }

    /** A commit did not go through: the partitions still owned send their state again next time. */
    private void commitFailed(Commits commits, Exception failure) {
        if (failure instanceof OffsetMetadataTooLarge && maxMetadataChars > 0) {
            maxMetadataChars = 0;
            LOG.warn("Kafka receiver {}: the cluster refuses commit metadata of {} characters "
                    + "(offset.metadata.max.bytes); commits go on without it, so after a crash the records accepted "
                    + "beyond a slow one are handled again", name, HandledOffsets.MAX_CHARS);
        }
        commits.byPartition().forEach((progress, commit) -> {
            if (partitions.get(progress.partition()) == progress) {
                progress.commitFailed(commit);
            }
        });
    }

    /** Stopping: fetch nothing more, let the records in flight settle until the deadline, commit. */
    private void drain() throws InterruptedException {
        consumer.pause(consumer.assignment());
        partitions.values().forEach(PartitionProgress::dropBacklog);
        while (inFlight.get() > 0 && System.nanoTime() - stopDeadlineNanos < 0) {
            applySettlements();
            commitIfDue();
            window.await(WAIT_MILLIS);
        }
        applySettlements();
        commitNow(partitions.values(), true);
    }

    private void close() {
        try {
            consumer.close(CLOSE_TIMEOUT); // leaves the group: its partitions move to the other receivers now
        } catch (RuntimeException e) {
            LOG.debug("Closing Kafka receiver {}: {}", name, e.toString());
        }
        assignment = Set.of();
        if (inFlight.get() > 0) {
            LOG.warn("Kafka receiver {} stopped with {} records unsettled; the group will deliver them again",
                    name, inFlight.get());
        }
    }

    /** Keeps the partition bookkeeping in step with the group's assignment. Runs inside poll, on this thread. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            Map<TopicPartition, OffsetAndMetadata> committed = committed(assigned);
            for (TopicPartition partition : assigned) {
                partitions.put(partition, new PartitionProgress(partition, committed.get(partition)));
            }
            assignment = Set.copyOf(partitions.keySet());
            if (!assigned.isEmpty()) {
                LOG.debug("Kafka receiver {} reads {}", name, assigned);
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            List<PartitionProgress> leaving = new ArrayList<>();
            for (TopicPartition partition : revoked) {
                PartitionProgress progress = partitions.get(partition);
                if (progress != null) {
                    progress.dropBacklog();
                    leaving.add(progress);
                }
            }
            if (leaving.isEmpty()) {
                return;
            }
            long deadline = running ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REVOKE_DRAIN_MILLIS)
                    : stopDeadlineNanos;
            awaitSettled(leaving, deadline);
            commitNow(leaving, true);
            leaving.forEach(progress -> window.committed(progress.release()));
            int unsettled = leaving.stream().mapToInt(PartitionProgress::inFlight).sum();
            if (unsettled > 0 && running) { // when stopping, close() reports the unsettled records
                LOG.warn("Kafka receiver {} gave up {} with {} records still in processing; their next owner "
                        + "delivers them again", name, revoked, unsettled);
            }
            revoked.forEach(partitions::remove);
            assignment = Set.copyOf(partitions.keySet());
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            // the group moved on without us (e.g. a session timeout): committing is no longer possible
            LOG.warn("Kafka receiver {} lost {}; records not committed will be delivered again by their new owner",
                    name, lost);
            for (TopicPartition partition : lost) {
                PartitionProgress progress = partitions.remove(partition);
                if (progress != null) {
                    window.committed(progress.release());
                }
            }
            assignment = Set.copyOf(partitions.keySet());
        }

        /**
         * The group's committed offsets of newly assigned partitions, with the metadata naming what
         * the previous owner accepted beyond them. Without them (the group coordinator does not
         * answer in time) every record from the committed offset on is delivered: safe, only more
         * is handled again.
         */
        private Map<TopicPartition, OffsetAndMetadata> committed(Collection<TopicPartition> assigned) {
            if (assigned.isEmpty()) {
                return Map.of();
            }
            try {
                Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(assigned), COMMIT_SYNC_TIMEOUT);
                return committed == null ? Map.of() : new HashMap<>(committed);
            } catch (KafkaException e) {
                LOG.warn("Kafka receiver {} could not read the committed offsets of {}; records accepted before "
                        + "the last crash or rebalance may be handled again: {}", name, assigned, e.toString());
                return Map.of();
            }
        }

        private void awaitSettled(List<PartitionProgress> leaving, long deadlineNanos) {
            try {
                while (true) {
                    applySettlements();
                    boolean settled = leaving.stream().allMatch(progress -> progress.inFlight() == 0);
                    if (settled || System.nanoTime() - deadlineNanos >= 0) {
                        return;
                    }
                    window.await(WAIT_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
