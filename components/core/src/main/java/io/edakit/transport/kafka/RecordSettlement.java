package io.edakit.transport.kafka;

import java.util.concurrent.atomic.AtomicBoolean;

import io.edakit.transport.Settlement;

/**
 * The settlement of one delivered record. It is called from a worker thread, while the consumer
 * may only be touched by its polling thread, so it only queues the outcome for that thread.
 * A second call is ignored: a record is settled once.
 */
final class RecordSettlement implements Settlement {

    /** Where outcomes go; implemented by the consumer loop that delivered the record. */
    interface Outcomes {
        void settled(PartitionProgress partition, long offset, Throwable failure);
    }

    private final Outcomes outcomes;
    private final PartitionProgress partition;
    private final long offset;
    private final AtomicBoolean settled = new AtomicBoolean();

    RecordSettlement(Outcomes outcomes, PartitionProgress partition, long offset) {
        this.outcomes = outcomes;
        this.partition = partition;
        this.offset = offset;
    }

    @Override
    public void accept() {
        if (settled.compareAndSet(false, true)) {
            outcomes.settled(partition, offset, null);
        }
    }

    @Override
    public void reject(Throwable cause) {
        if (settled.compareAndSet(false, true)) {
            outcomes.settled(partition, offset, cause != null ? cause : new IllegalStateException("rejected"));
        }
    }
}
