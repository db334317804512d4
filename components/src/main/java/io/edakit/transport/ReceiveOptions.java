package io.edakit.transport;

/**
 * How a receiver reads.
 *
 * @param maxInFlight how many delivered but unsettled messages a receiver may hold at once; it
 *                    stops reading at that count, which bounds memory and redelivery after a crash
 */
public record ReceiveOptions(int maxInFlight) {

    public ReceiveOptions {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
        }
    }
}
