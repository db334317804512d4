package io.edakit.envelope;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Gives a message entering edakit a complete envelope: CloudEvents headers in HTTP spelling
 * ({@code ce-type}) are renamed to edakit's ({@code ce_type}); {@code id}, {@code time},
 * {@code specversion}, {@code source} and {@code type} are filled in where missing. Attributes the
 * sender set are never overwritten.
 */
public final class EnvelopeStamper implements Processor {

    private final String defaultSource;
    private final String defaultType;

    public EnvelopeStamper(String defaultSource, String defaultType) {
        this.defaultSource = defaultSource;
        this.defaultType = defaultType;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        renameHttpStyleAttributes(message);
        setIfMissing(message, Envelope.ID, UUID.randomUUID().toString());
        setIfMissing(message, Envelope.SPECVERSION, Envelope.SPEC_VERSION_1_0);
        setIfMissing(message, Envelope.TIME, OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        setIfMissing(message, Envelope.SOURCE, defaultSource);
        setIfMissing(message, Envelope.TYPE, defaultType);
        String contentType = message.getHeader(Exchange.CONTENT_TYPE, String.class);
        if (contentType != null) {
            setIfMissing(message, Envelope.DATACONTENTTYPE, contentType);
        }
    }

    private static void renameHttpStyleAttributes(Message message) {
        for (Map.Entry<String, Object> header : new ArrayList<>(message.getHeaders().entrySet())) {
            String canonical = Envelope.canonicalName(header.getKey());
            if (canonical != null && !canonical.equals(header.getKey())) {
                message.removeHeader(header.getKey());
                setIfMissing(message, canonical, header.getValue());
            }
        }
    }

    private static void setIfMissing(Message message, String name, Object value) {
        Object current = message.getHeader(name);
        if ((current == null || current.toString().isBlank()) && value != null && !value.toString().isBlank()) {
            message.setHeader(name, value);
        }
    }
}
