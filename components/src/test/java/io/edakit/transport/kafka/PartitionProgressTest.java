package io.edakit.transport.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionProgressTest {

    private final PartitionProgress progress = new PartitionProgress(new TopicPartition("orders", 0));

    @Test
    void commitPointStopsAtTheFirstRecordNotAcceptedYet() {
        deliver(10, 11, 12, 13);
        progress.accepted(11);
        progress.accepted(13);
        assertThat(progress.commitDue()).as("10 is still in flight").isEmpty();

        progress.accepted(10);
        assertThat(progress.commitDue()).hasValue(12);
        progress.commitSent(12);
        assertThat(progress.commitDue()).isEmpty();

        progress.accepted(12);
        assertThat(progress.commitDue()).hasValue(14);
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
        assertThat(progress.commitDue()).as("everything before the rejected record").hasValue(2);

        long now = System.nanoTime();
        progress.rewound(now + 1_000_000_000L);
        assertThat(progress.rewindDue()).isFalse();
        assertThat(progress.holdsFetching(now)).as("redelivery delay").isTrue();
        assertThat(progress.holdsFetching(now + 2_000_000_000L)).isFalse();
    }

    @Test
    void aSecondSettlementOrOneForAnUnknownOffsetChangesNothing() {
        deliver(5);
        progress.accepted(5);
        progress.rejected(5);
        progress.accepted(6);

        assertThat(progress.inFlight()).isZero();
        assertThat(progress.rewindDue()).isFalse();
        assertThat(progress.commitDue()).hasValue(6);
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
