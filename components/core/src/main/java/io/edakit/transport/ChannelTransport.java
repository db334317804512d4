package io.edakit.transport;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A messaging system seen through the edakit channel model. Templates never see a transport:
 * they use the {@code channel:} Camel component, which delegates here, so swapping Artemis for
 * Kafka changes no template.
 */
public interface ChannelTransport {

    /** Short name used in configuration, logs and metrics: {@code artemis}, {@code kafka}. */
    String name();

    void start() throws Exception;

    void stop();

    ChannelSender sender(String channel, SendOptions options);

    ChannelReceiver receiver(ChannelAddress address, ReceiveOptions options, MessageSink sink);

    /** Opens this instance's reply inbox; every reply that arrives is handed to {@code onReply}. */
    ReplyInbox openReplyInbox(Consumer<ChannelMessage> onReply) throws Exception;

    /** Sends a reply to the inbox named in a request's reply-to. */
    CompletionStage<Void> sendReply(String replyAddress, ChannelMessage reply);

    /** Whether the transport is connected and usable, with a short human-readable detail. */
    TransportHealth health();

    /**
     * Operator access to waiting messages (dead letters): opened on demand, closed by the caller.
     * Works on a started transport, and needs no receiver of the channel to be running.
     */
    ChannelAdmin admin() throws Exception;

    /**
     * Messages each of these consumer groups has yet to settle, as the broker counts them now (Kafka:
     * per partition, the end offset minus the group's committed offset, summed over the topic);
     * empty where the transport keeps no such count. One round of broker requests for all of them.
     */
    default Map<ChannelAddress, Long> consumerLag(Collection<ChannelAddress> receivers) throws Exception {
        return Map.of();
    }
}
