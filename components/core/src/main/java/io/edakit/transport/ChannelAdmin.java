package io.edakit.transport;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Operator access to the messages waiting in a channel's point-to-point queue, which is where
 * dead letters wait: count them, look at them without consuming, take them one by one (to send
 * them elsewhere), purge them. Dead-letter tooling (list, show, redrive, purge) is built on this.
 */
public interface ChannelAdmin extends AutoCloseable {

    /** Every channel whose name ends with {@code suffix} (e.g. ".dlq"), with its waiting count. */
    List<ChannelDepth> channels(String suffix) throws Exception;

    /**
     * Every channel whose oldest waiting message carries a header starting with {@code headerPrefix}
     * (edakit's failure headers: a dead letter, whatever the channel is called), or was set aside
     * by the broker itself (Artemis moves a message it gave up on, or that expired, to its
     * dead-letter or expiry address), with its waiting count. Only the oldest message of each
     * channel is looked at, so this costs one read per channel, not one per message. A transport
     * may leave out channels that are being consumed (their oldest messages are out for delivery).
     */
    List<ChannelDepth> channelsHolding(String headerPrefix) throws Exception;

    /** Up to {@code limit} waiting messages of {@code channel}, oldest first, left where they are. */
    List<ChannelMessage> peek(String channel, int limit) throws Exception;

    /**
     * Offers the messages waiting in {@code channel} when the call starts, oldest first and one at a
     * time, to {@code decide}. A message is removed only once the stage {@code decide} returned has
     * completed with {@link Decision#TAKE}; with {@link Decision#KEEP} it stays waiting (for a later
     * call); {@link Decision#STOP} keeps it and ends the call. A stage that fails ends the call and
     * keeps the message. Messages that arrive during the call are not offered. A process killed
     * during the call loses nothing: a message is removed only after its decision completed.
     */
    TakeSummary take(String channel, Function<ChannelMessage, CompletionStage<Decision>> decide) throws Exception;

    /** Removes every message waiting in {@code channel}; returns how many. */
    long purge(String channel) throws Exception;

    @Override
    void close();

    /** What to do with one offered message. */
    enum Decision { TAKE, KEEP, STOP }

    /** A channel and how many messages wait in it. */
    record ChannelDepth(String channel, long waiting) {
    }

    /** How a {@link #take} call went. */
    record TakeSummary(long offered, long taken, long kept) {
    }
}
