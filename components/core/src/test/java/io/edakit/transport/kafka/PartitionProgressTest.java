package io.edakit.transport.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.edakit.transport.kafka.HandledOffsets.Range;
import io.edakit.transport.kafka.PartitionProgress.Commit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionProgressTest {

    private static final TopicPartition PARTITION = new TopicPartition("orders", 0);

    private final PartitionProgress progress = new PartitionProgress(PARTITION);

    @Test
    void commitPointStopsAtTheFirstRecordNotAcceptedYetAndTheRecordsBeyondTravelInTheMetadata() {
        deliver(10, 11, 12, 13);
        progress.accepted(11);
        progress.accepted(13);
        Commit heldBack = commit();
        assertThat(heldBack.offset()).as("10 is still in flight").isEqualTo(10);
        assertThat(heldBack.handledBeyond()).containsExactly(new Range(11, 11), new Range(13, 13));
        assertThat(heldBack.metadata()).isEqualTo(HandledOffsets.PREFIX + "1,3");

        progress.accepted(10);
        Commit moved = commit();
        assertThat(moved.offset()).isEqualTo(12);
        assertThat(moved.handledBeyond()).containsExactly(new Range(13, 13));
        progress.commitSent(moved);
        assertThat(progress.commit(false, HandledOffsets.MAX_CHARS)).as("nothing new").isEmpty();

        progress.accepted(12);
        assertThat(commit().offset()).isEqualTo(14);
        assertThat(commit().metadata()).isEmpty();
    }

    @Test
    void aRecordStaysUncommittedUntilAConfirmedCommitCoversIt() {
        deliver(0, 1, 2);
        progress.accepted(1);
        progress.accepted(2);
        Commit first = commit();
        assertThat(progress.uncommitted()).isEqualTo(2);
        assertThat(progress.covers(first)).isTrue();

        progress.accepted(0);
        assertThat(progress.commitConfirmed(first)).as("1 and 2, named in the metadata").isEqualTo(2);
        assertThat(progress.uncommitted()).as("0 was accepted after the commit was made").isEqualTo(1);
        Commit second = commit();
        assertThat(progress.commitConfirmed(second)).isEqualTo(1);
        assertThat(progress.covers(second)).as("nothing left to make safe").isFalse();
        assertThat(progress.commitConfirmed(first)).as("a late confirmation counts nothing twice").isZero();
    }

    @Test
    void recordsAnEarlierOwnerNamedAreAcceptedWithoutDelivery() {
        // the previous owner committed 100 while 100 and 103 were in flight; 101, 102, 104 were done
        PartitionProgress next = new PartitionProgress(PARTITION,
                new OffsetAndMetadata(100, HandledOffsets.PREFIX + "1-2,4"));
        for (long offset = 100; offset <= 105; offset++) {
            next.fetched(record(offset));
        }
        List<Long> delivered = new ArrayList<>();
        while (true) {
            next.skipHandledEarlier();
            if (!next.hasDeliverable()) {
                break;
            }
            long offset = next.nextToDeliver().offset();
            next.delivered(offset);
            delivered.add(offset);
        }
        assertThat(delivered).containsExactly(100L, 103L, 105L);

        next.accepted(105);
        Commit commit = next.commit(false, HandledOffsets.MAX_CHARS).orElseThrow();
        assertThat(commit.offset()).isEqualTo(100);
        assertThat(commit.handledBeyond()).as("what the earlier owner did is kept until the commit point passes it")
                .containsExactly(new Range(101, 102), new Range(104, 105));
        next.accepted(100);
        next.accepted(103);
        assertThat(next.commit(false, HandledOffsets.MAX_CHARS).orElseThrow().offset()).isEqualTo(106);
    }

    @Test
    void aRejectionHoldsThePartitionUntilItsRecordsInFlightSettle() {
        deliver(0, 1, 2, 3);
        progress.accepted(0);
        progress.rejected(2);
        progress.fetched(record(4));

        assertThat(progress.hasDeliverable()).as("records after a rejection are fetched again").isFalse();
        assertThat(progress.rewindDue()).as("1 and 3 are still in flight").isFalse();
        progress.accepted(3);
        progress.accepted(1);
        assertThat(progress.rewindDue()).isTrue();
        assertThat(progress.rejectedOffset()).isEqualTo(2);
        assertThat(commit().offset()).as("everything before the rejected record").isEqualTo(2);

        long now = System.nanoTime();
        assertThat(progress.rewound(now + 1_000_000_000L)).as("3 comes again: no longer waiting for a commit").isEqualTo(1);
        assertThat(progress.uncommitted()).as("0 and 1").isEqualTo(2);
        assertThat(commit().offset()).isEqualTo(2);
        assertThat(commit().metadata()).isEmpty();
        assertThat(progress.rewindDue()).isFalse();
        assertThat(progress.holdsFetching(now)).as("redelivery delay").isTrue();
        assertThat(progress.holdsFetching(now + 2_000_000_000L)).isFalse();
    }

    @Test
    void aSecondSettlementOrOneForAnUnknownOffsetChangesNothing() {
        deliver(5);
        assertThat(progress.accepted(5)).isTrue();
        progress.rejected(5);
        assertThat(progress.accepted(5)).isFalse();
        assertThat(progress.accepted(6)).isFalse();

        assertThat(progress.inFlight()).isZero();
        assertThat(progress.rewindDue()).isFalse();
        assertThat(commit().offset()).isEqualTo(6);
        assertThat(progress.uncommitted()).isEqualTo(1);
    }

    @Test
    void aSlowRecordKeepsTheMetadataSmallHoweverManyRecordsOvertakeIt() {
        progress.delivered(0);
        for (long offset = 1; offset <= 100_000; offset++) {
            progress.delivered(offset);
            progress.accepted(offset);
        }
        Commit commit = commit();
        assertThat(commit.offset()).isZero();
        assertThat(commit.metadata()).isEqualTo(HandledOffsets.PREFIX + "1-100000");
    }

    private Commit commit() {
        return progress.commit(true, HandledOffsets.MAX_CHARS).orElseThrow();
    }

    private void deliver(long... offsets) {
        for (long offset : offsets) {
            progress.delivered(offset);
        }
    }

    private static ConsumerRecord<String, byte[]> record(long offset) {
        return new ConsumerRecord<>("orders", 0, offset, null, new byte[0]);
    }
}
