package io.edakit.fairness;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import io.edakit.transport.ChannelMessage;
import io.edakit.transport.ChannelSender;
import io.edakit.transport.ChannelTransport;
import io.edakit.transport.SendOptions;

/**
 * Sends to a fair channel: straight into the lane of the message's tenant, stamped with the send
 * time, so the message never queues behind another lane's backlog.
 */
public final class FairSender implements ChannelSender {

    private final ChannelSender[] lanes;
    private final TenantKey key;

    public FairSender(ChannelTransport transport, String channel, SendOptions options, int laneCount, TenantKey key) {
        this.lanes = new ChannelSender[laneCount];
        for (int i = 0; i < laneCount; i++) {
            lanes[i] = transport.sender(FairLanes.laneChannel(channel, i), options);
        }
        this.key = key;
    }

    @Override
    public CompletionStage<Void> send(ChannelMessage message) {
        String tenant = key.tenantOf(message);
        return lanes[FairLanes.laneOf(tenant, lanes.length)].send(stamped(message));
    }

    /** The message with the send-time header, unless it has one (a forwarded message keeps its first). */
    static ChannelMessage stamped(ChannelMessage message) {
        if (message.headers().containsKey(FairLanes.SENT_HEADER)) {
            return message;
        }
        Map<String, String> headers = new HashMap<>(message.headers());
        headers.put(FairLanes.SENT_HEADER, Long.toString(System.currentTimeMillis()));
        return new ChannelMessage(message.body(), headers, message.key(), message.correlationId(), message.replyTo(),
                message.deliveryCount());
    }
}
