package io.edakit.transport;

import java.time.Duration;

/** Reads one {@link ChannelAddress} and hands each message to a {@link MessageSink}. */
public interface ChannelReceiver {

    void start() throws Exception;

    /**
     * Stops reading, waits up to {@code drainTimeout} for the messages in flight to be settled, and
     * releases the transport resources. Messages not settled by then are redelivered later.
     */
    void stop(Duration drainTimeout);

    /** Messages delivered to the sink and not yet settled. */
    int inFlight();
}
