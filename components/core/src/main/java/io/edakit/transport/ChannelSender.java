package io.edakit.transport;

import java.util.concurrent.CompletionStage;

/**
 * Sends to one channel. {@link #send} does not wait for the broker: the returned stage completes
 * once the broker has confirmed the message (persisted it, for a persistent message), so callers
 * can keep many messages in flight and still acknowledge their input only after confirmation.
 */
public interface ChannelSender {

    CompletionStage<Void> send(ChannelMessage message);
}
