package io.edakit.transport.kafka;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * What one consumer knows about one assigned partition: the records fetched but not yet handed
 * to the sink, the records handed over and not yet behind the commit point, and a pending rewind.
 * Used only by the consumer's polling thread, so it needs no locking.
 *
 * <p>The commit point is the offset after the longest run of accepted records from the start of
 * the delivered ones. Records settle in any order (workers run in parallel), but Kafka keeps one
 * offset per partition, so a record accepted early waits behind one still in processing; the
 * commit point never passes a record that is in flight or was rejected.
 */
final class PartitionProgress {

    private static final long NONE = -1;

    private enum State { IN_FLIGHT, ACCEPTED, REJECTED }

    private final TopicPartition partition;
    private final ArrayDeque<ConsumerRecord<String, byte[]>> backlog = new ArrayDeque<>();
    /** Delivered records not yet behind the commit point, by offset (= delivery order). */
    private final TreeMap<Long, State> outstanding = new TreeMap<>();
    private int inFlight;
    private long rejectedOffset = NONE;
    private long commitPoint = NONE;
    private long committed = NONE;
    private long pausedUntilNanos = System.nanoTime(); // nanoTime values only compare by difference

    PartitionProgress(TopicPartition partition) {
        this.partition = partition;
    }

    TopicPartition partition() {
        return partition;
    }

    /** A polled record: queued for delivery, unless a rewind will fetch it again anyway. */
    void fetched(ConsumerRecord<String, byte[]> record) {
        if (rejectedOffset == NONE) {
            backlog.add(record);
        }
    }

    boolean hasDeliverable() {
        return rejectedOffset == NONE && !backlog.isEmpty();
    }

    ConsumerRecord<String, byte[]> nextToDeliver() {
        return backlog.poll();
    }

    void delivered(long offset) {
        outstanding.put(offset, State.IN_FLIGHT);
        inFlight++;
    }

    void accepted(long offset) {
        if (outstanding.replace(offset, State.IN_FLIGHT, State.ACCEPTED)) {
            inFlight--;
            advanceCommitPoint();
        }
    }

    /**
     * The record must come again. Nothing more of this partition is delivered until its records in
     * flight have settled; then {@link #rewound} restarts it from the lowest rejected offset.
     */
    void rejected(long offset) {
        if (outstanding.replace(offset, State.IN_FLIGHT, State.REJECTED)) {
            inFlight--;
            rejectedOffset = rejectedOffset == NONE ? offset : Math.min(rejectedOffset, offset);
            backlog.clear();
        }
    }

    int inFlight() {
        return inFlight;
    }

    /** Whether a rejected record waits for a rewind and nothing of the partition is in flight any more. */
    boolean rewindDue() {
        return rejectedOffset != NONE && inFlight == 0;
    }

    long rejectedOffset() {
        return rejectedOffset;
    }

    /**
     * The consumer was sought back to the rejected offset: everything delivered from there on
     * comes again (records accepted after the rejected one too: at-least-once). Every record before
     * it is accepted, so the commit point already stands at the rejected offset.
     */
    void rewound(long resumeAtNanos) {
        outstanding.clear();
        backlog.clear();
        rejectedOffset = NONE;
        pausedUntilNanos = resumeAtNanos;
    }

    /** Whether fetching this partition must wait: records not delivered yet, a rewind, or a redelivery delay. */
    boolean holdsFetching(long nowNanos) {
        return !backlog.isEmpty() || rejectedOffset != NONE || nowNanos - pausedUntilNanos < 0;
    }

    /** Records fetched but not delivered are dropped: whoever reads the partition next fetches them again. */
    void dropBacklog() {
        backlog.clear();
    }

    /** The offset to commit, if the commit point moved since the last commit. */
    OptionalLong commitDue() {
        return commitPoint > committed ? OptionalLong.of(commitPoint) : OptionalLong.empty();
    }

    void commitSent(long offset) {
        committed = offset;
    }

    /** An asynchronous commit failed: send it again with the next one. */
    void commitFailed(long offset) {
        if (committed == offset) {
            committed = NONE;
        }
    }

    private void advanceCommitPoint() {
        Map.Entry<Long, State> first = outstanding.firstEntry();
        while (first != null && first.getValue() == State.ACCEPTED) {
            commitPoint = first.getKey() + 1;
            outstanding.pollFirstEntry();
            first = outstanding.firstEntry();
        }
    }
}
