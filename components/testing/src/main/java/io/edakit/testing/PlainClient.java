package io.edakit.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A broker client that knows nothing of edakit (the Artemis JMS client, kafka-clients), using a
 * channel the way the README tells outside applications to: what it sends and reads is what is
 * on the broker, so a mapping bug that edakit makes the same way on both ends shows up.
 */
public interface PlainClient extends AutoCloseable {

    /** Sends text (a JMS {@code TextMessage}, a record with a string value) to {@code channel}. */
    void sendText(String channel, String text, Map<String, String> headers, String key);

    /** Sends bytes (a JMS {@code BytesMessage}, a record with a byte-array value) to {@code channel}. */
    void sendBytes(String channel, byte[] body, Map<String, String> headers, String key);

    /**
     * Consumes {@code count} messages from the channel's point-to-point receiver (the Artemis queue
     * named like the channel, the Kafka consumer group named like it), waiting up to {@code timeout}
     * for them; fewer when fewer arrived.
     */
    List<PlainMessage> take(String channel, int count, Duration timeout);

    /**
     * Sends {@code text} to {@code channel} as a request, with a reply address of this client's own
     * and a correlation id, and waits up to {@code timeout} for the reply (null when none came).
     */
    PlainMessage request(String channel, String text, Duration timeout);

    /** Answers {@code request} with {@code body} as a plain responder does: to its reply address, with its correlation id. */
    void reply(PlainMessage request, String body);

    /**
     * The broker-side receivers of {@code channel}: the queues bound to its Artemis address, or the
     * Kafka consumer groups that committed offsets on its topic.
     */
    Set<String> receivers(String channel);

    /** The header name that carries the event's {@code datacontenttype} on this transport. */
    String dataContentTypeHeader();

    @Override
    void close();

    /** A message as the plain client read it: names and values as they were on the broker. */
    record PlainMessage(byte[] body, Map<String, String> headers, String key, String correlationId, String replyTo) {

        public String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
