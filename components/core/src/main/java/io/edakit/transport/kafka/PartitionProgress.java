package io.edakit.transport.kafka;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import io.edakit.transport.kafka.HandledOffsets.Range;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What one consumer knows about one assigned partition: the records fetched but not yet handed
 * to the sink, the records handed over and not accepted yet, what it has committed, and a pending
 * rewind. Used only by the consumer's polling thread, so it needs no locking.
 *
 * <p>The commit point is the offset of the first delivered record not accepted yet (or the one
 * after the last delivered). Records settle in any order (workers run in parallel, a retry inside
 * a route holds its record for seconds), but Kafka keeps one offset per partition, so the commit
 * point never passes a record that is in flight or was rejected. The records accepted beyond it
 * travel in the commit's metadata ({@link HandledOffsets}), and records an earlier owner named
 * there are accepted again without being delivered: after a crash or a rebalance, only the records
 * that were in processing, or accepted after the last confirmed commit, are handled again.
 *
 * <p>Memory stays small however far the accepted records run ahead of a slow one: the records not
 * accepted (at most the in-flight window) are kept one by one, the accepted ones as the ranges
 * between them.
 */
final class PartitionProgress {

    private static final long NONE = -1;

    private enum State { IN_FLIGHT, REJECTED }

    /**
     * One commit of this partition: the offset, its metadata, and (for the confirmation) the
     * ranges beyond the offset it names as handled.
     */
    record Commit(long offset, String metadata, List<Range> handledBeyond, long version) {
        OffsetAndMetadata toKafka() {
            return new OffsetAndMetadata(offset, metadata);
        }
    }

    private final TopicPartition partition;
    private final ArrayDeque<ConsumerRecord<String, byte[]>> backlog = new ArrayDeque<>();
    /**
     * Delivered records not accepted yet, in delivery order, which is offset order: records are
     * delivered as fetched, and a rewind clears this before delivering from the rejected offset
     * again. A hash map in insertion order answers the first key as a sorted map would, at half the
     * cost per record (put and remove of every record are on the consumer's hot path).
     */
    private final LinkedHashMap<Long, State> pending = new LinkedHashMap<>();
    /** Records an earlier owner accepted beyond the offset it committed (from the commit's metadata). */
    private List<Range> handledEarlier;
    /** Records accepted here that no confirmed commit covers yet: a crash would hand them over again. */
    private final TreeSet<Long> uncommitted = new TreeSet<>();
    private long base;
    private long highestDelivered = NONE;
    private int inFlight;
    private long rejectedOffset = NONE;
    /** Counts changes of what a commit would say, so that an unchanged state is not sent twice. */
    private long version;
    private long sentVersion; // the state as read from the group counts as sent
    private long pausedUntilNanos = System.nanoTime(); // nanoTime values only compare by difference

    PartitionProgress(TopicPartition partition) {
        this(partition, null);
    }

    /** @param committed the group's committed offset of the partition, or null if it has none */
    PartitionProgress(TopicPartition partition, OffsetAndMetadata committed) {
        this.partition = partition;
        this.base = committed == null ? NONE : committed.offset();
        this.handledEarlier = HandledOffsets.decode(committed);
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

    /**
     * Takes the records at the head of the backlog that an earlier owner accepted (see
     * {@link HandledOffsets}) as accepted here too, without delivering them; returns how many.
     */
    int skipHandledEarlier() {
        int skipped = 0;
        while (rejectedOffset == NONE && !backlog.isEmpty()
                && HandledOffsets.contains(handledEarlier, backlog.peek().offset())) {
            highestDelivered = backlog.poll().offset();
            version++;
            skipped++;
        }
        return skipped;
    }

    boolean hasDeliverable() {
        return rejectedOffset == NONE && !backlog.isEmpty();
    }

    ConsumerRecord<String, byte[]> nextToDeliver() {
        return backlog.poll();
    }

    void delivered(long offset) {
        pending.put(offset, State.IN_FLIGHT);
        highestDelivered = Math.max(highestDelivered, offset);
        inFlight++;
    }

    /** The record was processed; false if it was not in flight here (settled twice, or unknown). */
    boolean accepted(long offset) {
        if (!pending.remove(offset, State.IN_FLIGHT)) {
            return false;
        }
        inFlight--;
        uncommitted.add(offset);
        version++;
        return true;
    }

    /**
     * The record must come again. Nothing more of this partition is delivered until its records in
     * flight have settled; then {@link #rewound} restarts it from the lowest rejected offset.
     */
    void rejected(long offset) {
        if (pending.replace(offset, State.IN_FLIGHT, State.REJECTED)) {
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
     * comes again (records accepted after the rejected one too, so that records of one key keep
     * their order). Every record before it is accepted, so the commit point stands at the rejected
     * offset.
     *
     * @return how many records accepted here and not yet committed the rewind gave up (they come again)
     */
    int rewound(long resumeAtNanos) {
        int givenUp = uncommitted.tailSet(rejectedOffset).size();
        uncommitted.tailSet(rejectedOffset).clear();
        pending.clear();
        backlog.clear();
        highestDelivered = rejectedOffset - 1;
        rejectedOffset = NONE;
        pausedUntilNanos = resumeAtNanos;
        version++;
        return givenUp;
    }

    /** Whether fetching this partition must wait: records not delivered yet, a rewind, or a redelivery delay. */
    boolean holdsFetching(long nowNanos) {
        return !backlog.isEmpty() || rejectedOffset != NONE || nowNanos - pausedUntilNanos < 0;
    }

    /** Records fetched but not delivered are dropped: whoever reads the partition next fetches them again. */
    void dropBacklog() {
        backlog.clear();
    }

    /**
     * What to commit now: the commit point and the records accepted beyond it. Empty when nothing
     * was delivered yet, or when nothing changed since the last commit sent, unless {@code again}.
     */
    Optional<Commit> commit(boolean again, int maxMetadataChars) {
        long point = commitPoint();
        if (point == NONE || (!again && version == sentVersion)) {
            return Optional.empty();
        }
        HandledOffsets.Encoded handled = HandledOffsets.encode(point, handledBeyond(point), maxMetadataChars);
        return Optional.of(new Commit(point, handled.metadata(), handled.ranges(), version));
    }

    /** Whether {@code commit}, once confirmed, makes any record accepted here safe from a crash. */
    boolean covers(Commit commit) {
        return uncommitted.stream().anyMatch(offset -> covered(commit, offset));
    }

    void commitSent(Commit commit) {
        sentVersion = commit.version();
    }

    /** A commit did not go through: send the state again with the next one. */
    void commitFailed(Commit commit) {
        if (sentVersion == commit.version()) {
            sentVersion = NONE;
        }
    }

    /** The broker confirmed {@code commit}; returns how many records accepted here it made safe. */
    int commitConfirmed(Commit commit) {
        int before = uncommitted.size();
        uncommitted.headSet(commit.offset()).clear();
        uncommitted.removeIf(offset -> HandledOffsets.contains(commit.handledBeyond(), offset));
        base = Math.max(base, commit.offset());
        handledEarlier = handledEarlier.stream().filter(range -> range.last() >= base).toList();
        return before - uncommitted.size();
    }

    /** Records accepted here that no confirmed commit covers yet. */
    int uncommitted() {
        return uncommitted.size();
    }

    /** The partition is leaving this consumer: forgets the uncommitted records and returns how many there were. */
    int release() {
        int released = uncommitted.size();
        uncommitted.clear();
        return released;
    }

    private long commitPoint() {
        if (highestDelivered == NONE) {
            return base;
        }
        return pending.isEmpty() ? highestDelivered + 1 : pending.keySet().iterator().next();
    }

    /** The records after {@code point} that are accepted, here or by an earlier owner, as ranges. */
    private List<Range> handledBeyond(long point) {
        List<Range> here = new ArrayList<>();
        long next = point;
        for (long notAccepted : pending.keySet()) {
            if (notAccepted > next) {
                here.add(new Range(next, notAccepted - 1));
            }
            next = Math.max(next, notAccepted + 1);
        }
        if (highestDelivered >= next) {
            here.add(new Range(next, highestDelivered));
        }
        List<Range> earlier = handledEarlier.stream().filter(range -> range.last() >= point)
                .map(range -> new Range(Math.max(range.first(), point), range.last())).toList();
        return HandledOffsets.union(here, earlier);
    }

    private static boolean covered(Commit commit, long offset) {
        return offset < commit.offset() || HandledOffsets.contains(commit.handledBeyond(), offset);
    }
}
