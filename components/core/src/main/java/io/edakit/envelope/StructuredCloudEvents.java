package io.edakit.envelope;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.edakit.failure.PoisonMessageException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Turns a structured-mode CloudEvent ({@code Content-Type: application/cloudevents+json}, the whole
 * event as one JSON object) into binary mode, the only mode edakit routes: attributes become
 * {@code ce_*} headers, {@code data} or {@code data_base64} becomes the body.
 *
 * <p>Follows the CloudEvents JSON format 1.0: {@code data} is kept as JSON text when the
 * {@code datacontenttype} is JSON (or absent, which then implies {@code application/json} and is
 * set explicitly), a string {@code data} of any other content type is taken as that text, and
 * {@code data_base64} is decoded to the original bytes.
 *
 * <p>A batch ({@code Content-Type: application/cloudevents-batch+json}, a JSON array of structured
 * events) is parsed by {@link #parseBatch}; only the templates that take several events as one
 * unit (the event store's atomic append) accept it, every other entry refuses it as one event.
 */
public final class StructuredCloudEvents {

    public static final String MEDIA_TYPE = "application/cloudevents+json";

    /** The CloudEvents JSON batch format: an array of structured events. */
    public static final String BATCH_MEDIA_TYPE = "application/cloudevents-batch+json";

    private static final String DEFAULT_DATA_CONTENT_TYPE = "application/json";

    // data is re-serialized into the body: numbers are kept as written (no double rounding, no
    // trimmed zeros), and trailing content after the event is an error rather than ignored
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private StructuredCloudEvents() {
    }

    /** A binary-mode event: the envelope and the payload bytes. */
    public record BinaryEvent(EventEnvelope envelope, byte[] data) {
    }

    /** Whether the message's {@code Content-Type} says it carries a structured-mode JSON event. */
    public static boolean isStructured(Message message) {
        return hasMediaType(message, MEDIA_TYPE);
    }

    /** Whether the message's {@code Content-Type} says it carries a batch of structured-mode JSON events. */
    public static boolean isBatch(Message message) {
        return hasMediaType(message, BATCH_MEDIA_TYPE);
    }

    private static boolean hasMediaType(Message message, String mediaType) {
        String contentType = message.getHeader(Exchange.CONTENT_TYPE, String.class);
        return contentType != null && contentType.trim().toLowerCase(Locale.ROOT).startsWith(mediaType);
    }

    /**
     * Converts the message in place when it is structured ({@link #isStructured}): its envelope
     * headers are replaced by the event's attributes (the structured event is authoritative), the
     * body becomes the data, and {@code Content-Type} the data's content type.
     *
     * @return whether the message was converted
     * @throws PoisonMessageException when the body is not a valid structured CloudEvent
     */
    public static boolean toBinary(Message message) {
        if (!isStructured(message)) {
            return false;
        }
        byte[] body = message.getBody(byte[].class);
        BinaryEvent event = parse(body == null ? new byte[0] : body);
        event.envelope().writeTo(message);
        message.setBody(event.data());
        if (event.envelope().dataContentType() != null) {
            message.setHeader(Exchange.CONTENT_TYPE, event.envelope().dataContentType());
        } else {
            message.removeHeader(Exchange.CONTENT_TYPE);
        }
        return true;
    }

    /**
     * Parses one structured-mode event.
     *
     * @throws PoisonMessageException when the JSON is malformed, not an object, breaks an
     *                                {@link EnvelopeRules envelope rule}, or has data in both forms
     */
    public static BinaryEvent parse(byte[] json) {
        JsonNode event = read(json, "structured CloudEvent");
        if (!event.isObject()) {
            throw new PoisonMessageException("structured CloudEvent must be a JSON object, got " + kind(event)
                    + (event.isArray() ? " (a batch is sent as " + BATCH_MEDIA_TYPE + ", which only the event store "
                    + "takes)" : ""));
        }
        return parse(event);
    }

    /**
     * Parses a batch: a JSON array of structured-mode events, each checked as {@link #parse} checks one.
     *
     * @throws PoisonMessageException when the JSON is malformed, not an array, empty, or an event in it is
     *                                invalid (named by its place in the batch, from 1)
     */
    public static List<BinaryEvent> parseBatch(byte[] json) {
        JsonNode batch = read(json, "CloudEvents batch");
        if (!batch.isArray()) {
            throw new PoisonMessageException("CloudEvents batch must be a JSON array of events, got " + kind(batch));
        }
        if (batch.isEmpty()) {
            throw new PoisonMessageException("CloudEvents batch is empty: it holds no event");
        }
        List<BinaryEvent> events = new ArrayList<>(batch.size());
        for (JsonNode event : batch) {
            String place = "batch event " + (events.size() + 1) + " of " + batch.size();
            if (!event.isObject()) {
                throw new PoisonMessageException(place + " must be a JSON object, got " + kind(event));
            }
            try {
                events.add(parse(event));
            } catch (PoisonMessageException e) {
                throw new PoisonMessageException(place + ": " + e.getMessage(), e);
            }
        }
        return events;
    }

    private static BinaryEvent parse(JsonNode event) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : event.properties()) {
            String name = field.getKey().toLowerCase(Locale.ROOT);
            boolean payload = name.equals("data") || name.equals("data_base64");
            if (!payload && !field.getValue().isNull()) {
                attributes.put(name, attributeValue(name, field.getValue()));
            }
        }
        EnvelopeRules.check(attributes, "structured CloudEvent");
        EventEnvelope envelope = EventEnvelope.fromAttributes(attributes);

        JsonNode data = present(event.get("data"));
        JsonNode base64 = present(event.get("data_base64"));
        if (data != null && base64 != null) {
            throw new PoisonMessageException("structured CloudEvent " + envelope.id()
                    + " has both data and data_base64; it may have only one");
        }
        if (base64 != null) {
            return new BinaryEvent(envelope, decode(envelope, base64));
        }
        if (data == null) {
            return new BinaryEvent(envelope, new byte[0]);
        }
        if (envelope.dataContentType() == null) {
            envelope = envelope.toBuilder().dataContentType(DEFAULT_DATA_CONTENT_TYPE).build();
        }
        return new BinaryEvent(envelope, dataBytes(envelope.dataContentType(), data));
    }

    private static JsonNode read(byte[] json, String what) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new PoisonMessageException(what + " is not valid JSON: " + describe(e), e);
        } catch (java.io.IOException e) {
            throw new PoisonMessageException(what + " could not be read: " + e.getMessage(), e);
        }
        if (node == null || node.isMissingNode()) {
            throw new PoisonMessageException(what + " is empty");
        }
        return node;
    }

    private static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** The node, or null when it is absent or JSON null (both mean "no value" in the format). */
    private static JsonNode present(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }

    /** Attributes are strings; extensions may also be numbers or booleans, which headers carry as text. */
    private static String attributeValue(String name, JsonNode value) {
        if (!value.isValueNode()) {
            throw new PoisonMessageException("structured CloudEvent attribute '" + name
                    + "' must be a string, number or boolean, got " + kind(value));
        }
        return value.asText();
    }

    private static byte[] decode(EventEnvelope envelope, JsonNode base64) {
        if (!base64.isTextual()) {
            throw new PoisonMessageException("structured CloudEvent " + envelope.id() + ": data_base64 must be a string");
        }
        try {
            // the strict decoder (the MIME one skips foreign characters), line breaks tolerated
            return Base64.getDecoder().decode(base64.textValue().replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new PoisonMessageException("structured CloudEvent " + envelope.id() + ": data_base64 is not base64: "
                    + e.getMessage(), e);
        }
    }

    private static byte[] dataBytes(String contentType, JsonNode data) {
        if (data.isTextual() && !isJson(contentType)) {
            return data.textValue().getBytes(StandardCharsets.UTF_8);
        }
        try {
            return JSON.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            // a tree Jackson just read can always be written back
            throw new IllegalStateException(e);
        }
    }

    /** {@code application/json}, {@code text/json} and any {@code +json} suffix, parameters ignored. */
    static boolean isJson(String contentType) {
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || mediaType.equals("text/json") || mediaType.endsWith("+json");
    }

    private static String describe(JsonProcessingException e) {
        var location = e.getLocation();
        return e.getOriginalMessage() + (location == null ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")");
    }
}
