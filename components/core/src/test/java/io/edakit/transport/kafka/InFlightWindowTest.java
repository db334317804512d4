package io.edakit.transport.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InFlightWindowTest {

    @Test
    void recordsKeepTheirRoomFromDeliveryUntilACommitCoversThem() {
        InFlightWindow window = new InFlightWindow(2, 3, 1);
        assertThat(window.tryAcquire()).isTrue();
        assertThat(window.tryAcquire()).isTrue();
        assertThat(window.tryAcquire()).as("two in processing").isFalse();

        window.accepted();
        window.accepted();
        assertThat(window.used()).isZero();
        assertThat(window.tryAcquire()).isTrue();
        window.accepted();
        assertThat(window.tryAcquire()).as("three accepted, none committed").isFalse();
        assertThat(window.waitsForCommit()).isTrue();

        window.committed(2);
        assertThat(window.waitsForCommit()).isFalse();
        assertThat(window.tryAcquire()).isTrue();
        window.rejected();
        assertThat(window.used()).as("a rejected record comes again: it waits for no commit").isZero();
        assertThat(window.isFull()).isFalse();
    }

    @Test
    void eachConsumerCommitsOnceItHasHalfItsShareOfTheUncommittedRoomWaiting() {
        assertThat(new InFlightWindow(64, 4_096, 1).commitBatch()).isEqualTo(2_048);
        assertThat(new InFlightWindow(64, 4_096, 4).commitBatch()).isEqualTo(512);
        assertThat(new InFlightWindow(1, 1, 4).commitBatch()).isEqualTo(1);
    }

    @Test
    void aFullWindowWakesThePollerOnlyOnceRefillRecordsHaveRoomButARejectionAtOnce() throws Exception {
        InFlightWindow window = new InFlightWindow(8, 4, 4_096, 1);
        for (int i = 0; i < 8; i++) {
            assertThat(window.tryAcquire()).isTrue();
        }
        window.await(1); // clears any signal of the filling
        for (int i = 0; i < 3; i++) {
            window.accepted();
        }
        long start = System.nanoTime();
        window.await(200);
        assertThat(System.nanoTime() - start).as("three of four settled: no wake-up, the wait ran out")
                .isGreaterThanOrEqualTo(150_000_000L);

        window.accepted();
        start = System.nanoTime();
        window.await(30_000);
        assertThat(System.nanoTime() - start).as("the fourth gives room for a batch: woken").isLessThan(10_000_000_000L);

        for (int i = 0; i < 4; i++) {
            assertThat(window.tryAcquire()).isTrue();
        }
        window.await(1);
        window.rejected();
        start = System.nanoTime();
        window.await(30_000);
        assertThat(System.nanoTime() - start).as("a rejection must be rewound: woken at once").isLessThan(10_000_000_000L);
    }
}
