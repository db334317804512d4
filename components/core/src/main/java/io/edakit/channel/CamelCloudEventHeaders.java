package io.edakit.channel;

import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Message;

/**
 * Camel's own names for the CloudEvents attributes (camel-cloudevents' {@code CamelCloudEventID} ...,
 * which its data type transformers, Knative and the Camel Kamelet catalog use) beside edakit's
 * envelope headers, the binary-mode {@code ce_*} names that travel on the wire:
 * <ul>
 *   <li>sending to a channel, a Camel name stands for its {@code ce_*} attribute where that one is
 *       not set (an explicit {@code ce_*} header wins); the Camel names themselves never travel (they
 *       are local, as every {@code Camel*} header);</li>
 *   <li>receiving from a channel, the exchange carries the envelope under both names, so a route on
 *       {@code channel:} can hand it to Camel's CloudEvents transformers as it is.</li>
 * </ul>
 * A time given as a date-time object (camel-cloudevents sets one) travels as RFC 3339 text.
 */
public final class CamelCloudEventHeaders {

    /** Camel's name to edakit's, in the attribute order of the specification. */
    public static final Map<String, String> CAMEL_TO_ENVELOPE;

    static {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("CamelCloudEventID", "ce_id");
        names.put("CamelCloudEventSource", "ce_source");
        names.put("CamelCloudEventVersion", "ce_specversion");
        names.put("CamelCloudEventType", "ce_type");
        names.put("CamelCloudEventDataContentType", "ce_datacontenttype");
        names.put("CamelCloudEventSubject", "ce_subject");
        names.put("CamelCloudEventTime", "ce_time");
        CAMEL_TO_ENVELOPE = Map.copyOf(names);
    }

    private CamelCloudEventHeaders() {
    }

    /** Adds to {@code wire} the {@code ce_*} attributes that {@code message} gives only under Camel's names. */
    static void addEnvelopeAttributes(Message message, Map<String, String> wire) {
        CAMEL_TO_ENVELOPE.forEach((camel, envelope) -> {
            String text = text(message.getHeader(camel));
            if (text != null && !wire.containsKey(envelope)) {
                wire.put(envelope, text);
            }
        });
    }

    /**
     * Sets on {@code message} the {@code ce_*} headers it gives only under Camel's names: for an entry
     * (ingress) that completes the envelope before sending, so it keeps the event's own id, type ...
     * instead of stamping new ones.
     */
    public static void setEnvelopeHeaders(Message message) {
        CAMEL_TO_ENVELOPE.forEach((camel, envelope) -> {
            String text = text(message.getHeader(camel));
            if (text != null && message.getHeader(envelope) == null) {
                message.setHeader(envelope, text);
            }
        });
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String text = value instanceof TemporalAccessor time && time.isSupported(ChronoField.OFFSET_SECONDS)
                ? DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time) : value.toString();
        return text.isBlank() ? null : text;
    }

    /** Sets Camel's names on {@code target} for the envelope attributes it has. */
    static void addCamelNames(Message target) {
        CAMEL_TO_ENVELOPE.forEach((camel, envelope) -> {
            Object value = target.getHeader(envelope);
            if (value != null) {
                target.setHeader(camel, value);
            }
        });
    }
}
