package io.edakit.transport;

import java.util.Map;
import java.util.Objects;

/**
 * One message as it crosses a transport: an opaque body, string headers (the envelope and
 * application headers), and the few attributes every transport carries natively.
 *
 * @param body          the payload, never null (empty for none)
 * @param headers       header name to value; names are kept as written on every transport
 * @param key           ordering key (Artemis message group, Kafka record key), or null
 * @param correlationId correlates a reply with its request, or null
 * @param replyTo       where the sender waits for a reply, or null for a one-way message
 * @param deliveryCount how often the transport has delivered this message, 1 on first delivery
 */
public record ChannelMessage(byte[] body, Map<String, String> headers, String key, String correlationId,
                             String replyTo, int deliveryCount) {

    private static final byte[] EMPTY = new byte[0];

    public ChannelMessage {
        body = body == null ? EMPTY : body;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** A message to send one way. */
    public static ChannelMessage of(byte[] body, Map<String, String> headers, String key) {
        return new ChannelMessage(body, headers, key, null, null, 0);
    }

    public ChannelMessage withReplyTo(String replyAddress, String correlation) {
        return new ChannelMessage(body, headers, key, Objects.requireNonNull(correlation), replyAddress, deliveryCount);
    }

    public ChannelMessage withCorrelationId(String correlation) {
        return new ChannelMessage(body, headers, key, correlation, replyTo, deliveryCount);
    }

    public ChannelMessage withDeliveryCount(int count) {
        return new ChannelMessage(body, headers, key, correlationId, replyTo, count);
    }

    public boolean expectsReply() {
        return replyTo != null;
    }
}
