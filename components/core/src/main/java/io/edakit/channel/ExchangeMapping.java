package io.edakit.channel;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.edakit.transport.ChannelMessage;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;

/** Turns a Camel message into a {@link ChannelMessage} and back. */
final class ExchangeMapping {

    private ExchangeMapping() {
    }

    static ChannelMessage toChannelMessage(Message message) throws InvalidPayloadException {
        String key = message.getHeader(ChannelHeaders.KEY, String.class);
        return ChannelMessage.of(bodyBytes(message), transportableHeaders(message), key == null || key.isBlank() ? null : key);
    }

    /** The body as bytes; a body with no byte form (a parsed HTTP form, say) travels as its text. */
    private static byte[] bodyBytes(Message message) throws InvalidPayloadException {
        Object body = message.getBody();
        if (body == null) {
            return null;
        }
        byte[] bytes = message.getBody(byte[].class);
        if (bytes != null) {
            return bytes;
        }
        return message.getMandatoryBody(String.class).getBytes(StandardCharsets.UTF_8);
    }

    static Map<String, String> transportableHeaders(Message message) {
        Map<String, String> headers = new HashMap<>();
        for (Map.Entry<String, Object> header : message.getHeaders().entrySet()) {
            String value = transportableValue(header.getValue());
            if (value != null && !ChannelHeaders.isLocal(header.getKey())) {
                headers.put(header.getKey(), value);
            }
        }
        CamelCloudEventHeaders.addEnvelopeAttributes(message, headers);
        return headers;
    }

    /**
     * A header's value as text, or null when it has none: simple values by their string form, bytes
     * (how Camel's {@code kafka:} component hands over record headers) when they are UTF-8 text.
     */
    private static String transportableValue(Object value) {
        if (value instanceof byte[] bytes) {
            try {
                return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException notText) {
                return null;
            }
        }
        return value != null && isSimple(value) ? value.toString() : null;
    }

    /** Copies a received message into an exchange's message, with the local consumption headers. */
    static void populate(Message target, ChannelMessage received) {
        target.setBody(received.body());
        received.headers().forEach(target::setHeader);
        CamelCloudEventHeaders.addCamelNames(target);
        if (received.key() != null) {
            target.setHeader(ChannelHeaders.KEY, received.key());
        }
        target.setHeader(ChannelHeaders.DELIVERY_COUNT, received.deliveryCount());
    }

    static void copyReply(Exchange exchange, ChannelMessage reply) {
        Message out = exchange.getMessage();
        out.setBody(reply.body());
        reply.headers().forEach(out::setHeader);
    }

    private static boolean isSimple(Object value) {
        return value instanceof CharSequence || value instanceof Number || value instanceof Boolean
                || value instanceof Character || value instanceof Enum<?>;
    }
}
