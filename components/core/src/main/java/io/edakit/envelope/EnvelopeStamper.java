package io.edakit.envelope;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Gives a message entering edakit its envelope, changing nothing the sender set:
 *
 * <ul>
 *   <li>CloudEvents headers in the HTTP binding's spelling ({@code ce-type}) are renamed to
 *       edakit's ({@code ce_type}); where both spellings give an attribute, {@code ce_} wins.</li>
 *   <li>A message that is not a CloudEvent yet (it carries no {@code specversion}) gets the
 *       mandatory attributes it lacks: a fresh {@code id}, {@code specversion} 1.0, and the
 *       configured {@code source} and {@code type}. A CloudEvent, binary or structured, gets none
 *       of them: it is complete as sent, or {@link EnvelopeRules} rejects it.</li>
 *   <li>{@code time}, when absent, becomes the time of entry, and {@code datacontenttype}, when
 *       absent, the message's {@code Content-Type} (where the HTTP binding carries it).</li>
 * </ul>
 *
 * Attributes the sender gave are kept even when empty or malformed, so that
 * {@link EnvelopeRules} can reject them rather than edakit silently replacing them.
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
        if (message.getHeader(Envelope.SPECVERSION) == null) {
            setIfAbsent(message, Envelope.ID, UUID.randomUUID().toString());
            setIfAbsent(message, Envelope.SPECVERSION, Envelope.SPEC_VERSION_1_0);
            setIfAbsent(message, Envelope.SOURCE, defaultSource);
            setIfAbsent(message, Envelope.TYPE, defaultType);
        }
        setIfAbsent(message, Envelope.TIME, OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        setIfAbsent(message, Envelope.DATACONTENTTYPE, message.getHeader(Exchange.CONTENT_TYPE, String.class));
    }

    private static void renameHttpStyleAttributes(Message message) {
        // Names and values are copied before any header is removed, never the map's entries: Camel's
        // header map is a TreeMap (CaseInsensitiveMap), and removing a node with two children moves
        // its successor's key and value into that node, so an Entry held across a removal would then
        // read as another header (ce_id would get the value of ce-source, or of Connection).
        Map<String, Object> httpSpelled = new LinkedHashMap<>();
        message.getHeaders().forEach((name, value) -> {
            String canonical = Envelope.canonicalName(name);
            if (canonical != null && !canonical.equals(name)) {
                httpSpelled.put(name, value);
            }
        });
        httpSpelled.forEach((name, value) -> {
            message.removeHeader(name);
            String canonical = Envelope.canonicalName(name);
            if (message.getHeader(canonical) == null) {
                message.setHeader(canonical, value); // even when empty: EnvelopeRules says so
            }
        });
    }

    /** Stamps a value edakit chose; a blank default stamps nothing. */
    private static void setIfAbsent(Message message, String name, Object value) {
        if (message.getHeader(name) == null && value != null && !value.toString().isBlank()) {
            message.setHeader(name, value);
        }
    }
}
