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
 * Converts between {@link ChannelMessage} and Kafka records, following the CloudEvents Kafka
 * protocol binding in binary mode: the key becomes the record key (all messages of a key land on
 * one partition, in order), the body the record value, every header a record header of the same
 * name with its UTF-8 bytes ({@code ce_id}, {@code ce_type} ...), except {@code ce_datacontenttype},
 * which the binding carries as {@code content-type}. On receipt the mapping is reversed; a
 * {@code ce_datacontenttype} header, as edakit wrote it before it followed the binding, is read too.
 *
 * <p>The correlation id and reply-to, which Kafka has no field for, travel as two reserved headers
 * that are taken back out into the message's own fields on receipt.
 */
final class RecordMapping {

    static final String CORRELATION_ID = "edakit_correlation_id";
    static final String REPLY_TO = "edakit_reply_to";
    /** The binding's header for the {@code datacontenttype} attribute. */
    static final String CONTENT_TYPE = "content-type";
    // the envelope's header names (io.edakit.envelope.Envelope, a layer above the transports)
    private static final String DATA_CONTENT_TYPE = "ce_datacontenttype";
    private static final String SPEC_VERSION = "ce_specversion";

    private RecordMapping() {
    }

    static ProducerRecord<String, byte[]> toRecord(String topic, ChannelMessage message) {
        RecordHeaders headers = new RecordHeaders();
        boolean hasDataContentType = message.headers().containsKey(DATA_CONTENT_TYPE);
        message.headers().forEach((name, value) -> {
            if (name.equals(DATA_CONTENT_TYPE)) {
                headers.add(CONTENT_TYPE, utf8(value));
            } else if (!(hasDataContentType && name.equals(CONTENT_TYPE))) {
                headers.add(name, utf8(value));
            }
        });
        if (message.correlationId() != null) {
            headers.add(CORRELATION_ID, utf8(message.correlationId()));
        }
        if (message.replyTo() != null) {
            headers.add(REPLY_TO, utf8(message.replyTo()));
        }
        return new ProducerRecord<>(topic, null, message.key(), message.body(), headers);
    }

    static ChannelMessage fromRecord(ConsumerRecord<String, byte[]> record, int deliveryCount) {
        if (!record.headers().iterator().hasNext()) { // most records of a plain producer: no map to build
            return new ChannelMessage(record.value(), Map.of(), record.key(), null, null, deliveryCount);
        }
        Map<String, String> headers = new HashMap<>();
        String correlationId = null;
        String replyTo = null;
        String contentType = null;
        for (Header header : record.headers()) {
            if (header.value() == null) {
                continue;
            }
            String value = new String(header.value(), StandardCharsets.UTF_8);
            switch (header.key()) {
                case CORRELATION_ID -> correlationId = value;
                case REPLY_TO -> replyTo = value;
                case CONTENT_TYPE -> contentType = value;
                default -> headers.put(header.key(), value); // a repeated header: the last one wins
            }
        }
        if (contentType != null) {
            // in a binary-mode event, content-type is the datacontenttype attribute; elsewhere a header
            headers.put(headers.containsKey(SPEC_VERSION) ? DATA_CONTENT_TYPE : CONTENT_TYPE, contentType);
        }
        return new ChannelMessage(record.value(), headers, record.key(), correlationId, replyTo, deliveryCount);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
