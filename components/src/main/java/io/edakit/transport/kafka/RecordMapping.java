package io.edakit.transport.kafka;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.edakit.transport.ChannelMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Converts between {@link ChannelMessage} and Kafka records. The key becomes the record key, so
 * all messages of a key land on one partition, in order. Headers travel as UTF-8 record headers;
 * the correlation id and reply-to, which Kafka has no field for, travel as two reserved headers
 * that are taken back out into the message's own fields on receipt.
 */
final class RecordMapping {

    static final String CORRELATION_ID = "edakit_correlation_id";
    static final String REPLY_TO = "edakit_reply_to";

    private RecordMapping() {
    }

    static ProducerRecord<String, byte[]> toRecord(String topic, ChannelMessage message) {
        RecordHeaders headers = new RecordHeaders();
        message.headers().forEach((name, value) -> headers.add(name, utf8(value)));
        if (message.correlationId() != null) {
            headers.add(CORRELATION_ID, utf8(message.correlationId()));
        }
        if (message.replyTo() != null) {
            headers.add(REPLY_TO, utf8(message.replyTo()));
        }
        return new ProducerRecord<>(topic, null, message.key(), message.body(), headers);
    }

    static ChannelMessage fromRecord(ConsumerRecord<String, byte[]> record, int deliveryCount) {
        Map<String, String> headers = new HashMap<>();
        String correlationId = null;
        String replyTo = null;
        for (Header header : record.headers()) {
            if (header.value() == null) {
                continue;
            }
            String value = new String(header.value(), StandardCharsets.UTF_8);
            switch (header.key()) {
                case CORRELATION_ID -> correlationId = value;
                case REPLY_TO -> replyTo = value;
                default -> headers.put(header.key(), value); // a repeated header: the last one wins
            }
        }
        return new ChannelMessage(record.value(), headers, record.key(), correlationId, replyTo, deliveryCount);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
