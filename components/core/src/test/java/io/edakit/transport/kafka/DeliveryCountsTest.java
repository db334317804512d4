package io.edakit.transport.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class DeliveryCountsTest {

    private static final TopicPartition P0 = new TopicPartition("orders", 0);
    private static final TopicPartition P1 = new TopicPartition("orders", 1);

    @Test
    void firstDeliveriesCountOneAndRedeliveriesCountUp() {
        DeliveryCounts counts = new DeliveryCounts();
        for (long offset = 0; offset < 5; offset++) {
            assertThat(counts.delivered(P0, offset)).isEqualTo(1);
        }
        // a rewind to offset 2: 2, 3 and 4 come again, twice
        for (int round = 2; round <= 3; round++) {
            for (long offset = 2; offset < 5; offset++) {
                assertThat(counts.delivered(P0, offset)).isEqualTo(round);
            }
        }
        assertThat(counts.delivered(P0, 5)).isEqualTo(1);
        assertThat(counts.count(P0, 1)).isEqualTo(1);
        assertThat(counts.count(P0, 4)).isEqualTo(3);
        assertThat(counts.count(P0, 6)).isZero();
        assertThat(counts.count(P1, 0)).isZero();
        assertThat(counts.delivered(P1, 0)).isEqualTo(1); // partitions count apart
    }

    @Test
    void aCommitForgetsTheCountsBeforeItsOffset() {
        DeliveryCounts counts = new DeliveryCounts();
        for (long offset = 0; offset < 4; offset++) {
            counts.delivered(P0, offset);
            counts.delivered(P0, offset);
        }
        counts.committed(P0, 3);
        assertThat(counts.count(P0, 3)).isEqualTo(2);
        assertThat(counts.count(P0, 2)).isEqualTo(1); // forgotten: it will not come again
        assertThat(counts.delivered(P0, 3)).isEqualTo(3);
    }
}
