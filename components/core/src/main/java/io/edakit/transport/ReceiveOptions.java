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
public record ReceiveOptions(int maxInFlight) {

    public ReceiveOptions {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
        }
    }
}
