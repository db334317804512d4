package io.edakit.transport.artemis;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.edakit.transport.ChannelMessage;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientSession;

/**
 * Converts between {@link ChannelMessage} and Artemis core messages, in the form the Artemis JMS
 * client reads and writes, so that plain JMS clients (and Camel's {@code jms:} component) sit on
 * either side of a channel:
 *
 * <ul>
 *   <li>edakit sends a {@code BytesMessage} holding the body's bytes;</li>
 *   <li>edakit receives any JMS message type, its body decoded by {@link CoreBodies};</li>
 *   <li>each header is a string property of the same name ({@code ce_id}, {@code tenant}); received
 *       properties of any type arrive as text, and names Camel's {@code jms:} component encoded
 *       ({@code x_HYPHEN_a_DOT_b}) arrive decoded ({@code x-a.b});</li>
 *   <li>the ordering key is the message group ({@code JMSXGroupID}), the correlation id is
 *       {@code JMSCorrelationID}, the reply address {@code JMSReplyTo}.</li>
 * </ul>
 */
final class ArtemisMessages {

    // how the Artemis JMS client qualifies destination names in JMSReplyTo
    private static final String QUEUE_PREFIX = "queue://";
    private static final Map<String, RoutingType> REPLY_PREFIXES = Map.of(QUEUE_PREFIX, RoutingType.ANYCAST,
            "temp-queue://", RoutingType.ANYCAST, "topic://", RoutingType.MULTICAST, "temp-topic://", RoutingType.MULTICAST);

    private ArtemisMessages() {
    }

    static ClientMessage toCore(ClientSession session, ChannelMessage message, boolean durable, RoutingType routing) {
        ClientMessage core = session.createMessage(Message.BYTES_TYPE, durable);
        core.getBodyBuffer().writeBytes(message.body());
        core.setTimestamp(System.currentTimeMillis()); // JMSTimestamp
        message.headers().forEach(core::putStringProperty);
        if (message.key() != null) {
            // Artemis message groups (JMSXGroupID): all messages of one group go to one consumer, in order
            core.putStringProperty(Message.HDR_GROUP_ID, SimpleString.of(message.key()));
        }
        if (message.correlationId() != null) {
            core.setCorrelationID(message.correlationId());
        }
        if (message.replyTo() != null) {
            core.setReplyTo(SimpleString.of(qualifiedReplyTo(message.replyTo())));
        }
        core.setRoutingType(routing);
        return core;
    }

    static ChannelMessage fromCore(ClientMessage core) {
        byte[] body = CoreBodies.read(core, core.getBodyBuffer());
        Map<String, String> headers = new HashMap<>();
        for (SimpleString name : core.getPropertyNames()) {
            String header = name.toString();
            if (isApplicationHeader(header)) {
                Object value = core.getObjectProperty(name);
                if (value != null) {
                    headers.put(camelJmsDecoded(header), text(value));
                }
            }
        }
        SimpleString group = core.getSimpleStringProperty(Message.HDR_GROUP_ID);
        SimpleString replyTo = core.getReplyTo();
        Object correlation = core.getCorrelationID();
        return new ChannelMessage(body, headers, group == null ? null : group.toString(),
                correlation == null ? null : text(correlation), replyTo == null ? null : replyTo.toString(),
                core.getDeliveryCount());
    }

    /**
     * Where to send a reply to {@code replyTo} (as received in {@code JMSReplyTo}): the address and
     * whether it is a queue (anycast) or a topic (multicast). An unqualified name is a queue, as
     * edakit's reply inboxes are.
     */
    static ReplyDestination replyDestination(String replyTo) {
        for (Map.Entry<String, RoutingType> prefix : REPLY_PREFIXES.entrySet()) {
            if (replyTo.startsWith(prefix.getKey())) {
                return new ReplyDestination(replyTo.substring(prefix.getKey().length()), prefix.getValue());
            }
        }
        return new ReplyDestination(replyTo, RoutingType.ANYCAST);
    }

    record ReplyDestination(String address, RoutingType routing) {
    }

    /** A JMS client reads an unqualified reply address as a destination of unknown kind; say it is a queue. */
    private static String qualifiedReplyTo(String replyTo) {
        return replyTo.contains("://") ? replyTo : QUEUE_PREFIX + replyTo;
    }

    /** Artemis and JMS keep their own bookkeeping in properties; those are not the application's. */
    private static boolean isApplicationHeader(String name) {
        return !(name.startsWith("_AMQ") || name.startsWith("__AMQ") || name.startsWith("JMS"));
    }

    /** Camel's {@code jms:} component writes {@code .} and {@code -} in header names as {@code _DOT_} and {@code _HYPHEN_}. */
    private static String camelJmsDecoded(String name) {
        return name.indexOf('_') < 0 ? name : name.replace("_DOT_", ".").replace("_HYPHEN_", "-");
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value.toString();
    }
}
