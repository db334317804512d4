package io.edakit.transport;

/**
 * How a receiver reads.
 *
 * @param maxInFlight how many delivered but unsettled messages a receiver may hold at once; it
 *                    stops reading at that count, and while a number the transport fixes
 *                    ({@code MAX_UNCOMMITTED} of its receiver) are accepted but their
 *                    acknowledgement (Artemis commit, Kafka offset commit) is not confirmed yet.
 *                    That bounds memory, and what a crash hands to the handler again: at most
 *                    {@code maxInFlight + MAX_UNCOMMITTED} messages.
 */
public record ReceiveOptions(int maxInFlight, int refill) {

    /**
     * @param refill      once the window is full, how many messages must have settled before the
     *                    receiver reads again (1: read again at every settlement). A receiver that
     *                    is woken for every settled message costs two thread switches per message
     *                    (and on Kafka a poll), which on a busy machine is CPU taken from everything
     *                    else in the process; a larger refill reads in batches instead.
     */
    public ReceiveOptions {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
        }
        if (refill < 1 || refill > maxInFlight) {
            throw new IllegalArgumentException("refill must be between 1 and maxInFlight (" + maxInFlight + "), was "
                    + refill);
        }
    }

    /** Reads again as soon as one message settled. */
    public ReceiveOptions(int maxInFlight) {
        this(maxInFlight, 1);
    }
}
