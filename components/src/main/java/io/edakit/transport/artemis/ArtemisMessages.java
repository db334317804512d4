package io.edakit.transport.artemis;

import java.util.HashMap;
import java.util.Map;

import io.edakit.transport.ChannelMessage;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientSession;

/** Converts between {@link ChannelMessage} and Artemis core messages. */
final class ArtemisMessages {

    private ArtemisMessages() {
    }

    static ClientMessage toCore(ClientSession session, ChannelMessage message, boolean durable, RoutingType routing) {
        ClientMessage core = session.createMessage(Message.BYTES_TYPE, durable);
        core.getBodyBuffer().writeBytes(message.body());
        message.headers().forEach(core::putStringProperty);
        if (message.key() != null) {
            // Artemis message groups: all messages of one group go to one consumer, in order.
            core.putStringProperty(Message.HDR_GROUP_ID, SimpleString.of(message.key()));
        }
        if (message.correlationId() != null) {
            core.setCorrelationID(message.correlationId());
        }
        if (message.replyTo() != null) {
            core.setReplyTo(SimpleString.of(message.replyTo()));
        }
        core.setRoutingType(routing);
        return core;
    }

    static ChannelMessage fromCore(ClientMessage core) {
        byte[] body = new byte[core.getBodyBuffer().readableBytes()];
        core.getBodyBuffer().readBytes(body);
        Map<String, String> headers = new HashMap<>();
        for (SimpleString name : core.getPropertyNames()) {
            String header = name.toString();
            if (isApplicationHeader(header)) {
                Object value = core.getObjectProperty(name);
                if (value != null) {
                    headers.put(header, value.toString());
                }
            }
        }
        SimpleString group = core.getSimpleStringProperty(Message.HDR_GROUP_ID);
        SimpleString replyTo = core.getReplyTo();
        Object correlation = core.getCorrelationID();
        return new ChannelMessage(body, headers, group == null ? null : group.toString(),
                correlation == null ? null : correlation.toString(), replyTo == null ? null : replyTo.toString(),
                core.getDeliveryCount());
    }

    /** Artemis and JMS keep their own bookkeeping in properties; those are not the application's. */
    private static boolean isApplicationHeader(String name) {
        return !(name.startsWith("_AMQ") || name.startsWith("__AMQ") || name.startsWith("JMS"));
    }
}
