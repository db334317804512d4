package io.edakit.envelope;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import io.edakit.failure.PoisonMessageException;
import org.apache.camel.Message;

/**
 * The CloudEvents 1.0 envelope of one event, read from and written to a Camel {@link Message}'s
 * {@code ce_*} headers (binary mode, see {@link Envelope}). Immutable: change it with the
 * {@code with...} methods or {@link #toBuilder()}, then {@link #writeTo(Message)}.
 *
 * <p>Absent attributes are {@code null}, so an incomplete envelope can still be read (and
 * {@link #missingRequired()} asked what it lacks) before it is rejected.
 *
 * @param id              {@code ce_id}
 * @param source          {@code ce_source}
 * @param type            {@code ce_type}
 * @param specVersion     {@code ce_specversion}
 * @param time            {@code ce_time}
 * @param subject         {@code ce_subject}
 * @param dataContentType {@code ce_datacontenttype}
 * @param dataSchema      {@code ce_dataschema}
 * @param extensions      every other {@code ce_*} header, by attribute name without the prefix
 *                        ({@code tenant}, {@code partitionkey}, ...)
 */
public record EventEnvelope(String id, String source, String type, String specVersion, OffsetDateTime time,
                            String subject, String dataContentType, String dataSchema, Map<String, String> extensions) {

    /** Core attribute names; anything else under {@code ce_} is an extension. */
    static final Set<String> CORE_ATTRIBUTES = Set.of("id", "source", "type", "specversion", "time", "subject",
            "datacontenttype", "dataschema");

    public EventEnvelope {
        extensions = copyExtensions(extensions);
    }

    /** A new event: fresh id, the current time, spec version 1.0. */
    public static EventEnvelope newEvent(String source, String type) {
        return builder().id(UUID.randomUUID().toString()).source(source).type(type)
                .time(OffsetDateTime.now(ZoneOffset.UTC)).build();
    }

    /**
     * The envelope the message carries. Reads {@code ce_id} and the HTTP binding's {@code ce-id}
     * spelling alike (the former wins when both are there), so it works before and after
     * {@link EnvelopeStamper}.
     *
     * @throws PoisonMessageException when {@code ce_time} is not an RFC 3339 timestamp: the event is
     *                                malformed and no retry will repair it
     */
    public static EventEnvelope of(Message message) {
        return fromAttributes(attributes(message));
    }

    /**
     * The envelope attributes of the message's headers as text, by attribute name without prefix;
     * an attribute in {@code ce_} spelling wins over the same one in {@code ce-} spelling.
     */
    static Map<String, String> attributes(Message message) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, Object> header : message.getHeaders().entrySet()) {
            String canonical = Envelope.canonicalName(header.getKey());
            if (canonical == null || header.getValue() == null) {
                continue;
            }
            String name = canonical.substring(Envelope.PREFIX.length());
            // a header's value may be bytes (Kafka) or another type: let Camel's converters decide
            String value = message.getHeader(header.getKey(), String.class);
            if (canonical.equals(header.getKey())) {
                attributes.put(name, value);
            } else {
                attributes.putIfAbsent(name, value);
            }
        }
        return attributes;
    }

    /**
     * An envelope from attribute names (without prefix) and string values, as found in headers or
     * in a structured-mode event.
     */
    static EventEnvelope fromAttributes(Map<String, String> attributes) {
        Builder builder = builder().specVersion(null);
        attributes.forEach((name, value) -> {
            switch (name) {
                case "id" -> builder.id(value);
                case "source" -> builder.source(value);
                case "type" -> builder.type(value);
                case "specversion" -> builder.specVersion(value);
                case "time" -> builder.time(parseTime(value));
                case "subject" -> builder.subject(value);
                case "datacontenttype" -> builder.dataContentType(value);
                case "dataschema" -> builder.dataSchema(value);
                default -> builder.extension(name, value);
            }
        });
        return builder.build();
    }

    /**
     * Replaces the message's envelope with this one: every attribute set here becomes a
     * {@code ce_*} string header, and {@code ce_*} / {@code ce-*} headers of attributes this
     * envelope lacks are removed, so that an attribute cleared with {@code with...(null)} is gone.
     */
    public void writeTo(Message message) {
        for (String header : new ArrayList<>(message.getHeaders().keySet())) {
            if (Envelope.canonicalName(header) != null) {
                message.removeHeader(header);
            }
        }
        toHeaders().forEach(message::setHeader);
    }

    /** This envelope as {@code ce_*} header names and string values, absent attributes left out. */
    public Map<String, String> toHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        put(headers, Envelope.ID, id);
        put(headers, Envelope.SOURCE, source);
        put(headers, Envelope.TYPE, type);
        put(headers, Envelope.SPECVERSION, specVersion);
        put(headers, Envelope.TIME, time == null ? null : time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        put(headers, Envelope.SUBJECT, subject);
        put(headers, Envelope.DATACONTENTTYPE, dataContentType);
        put(headers, Envelope.DATASCHEMA, dataSchema);
        extensions.forEach((name, value) -> put(headers, Envelope.PREFIX + name, value));
        return headers;
    }

    /** Names of the mandatory attributes ({@code id, source, type, specversion}) that are absent or blank. */
    public List<String> missingRequired() {
        List<String> missing = new ArrayList<>();
        addIfBlank(missing, "id", id);
        addIfBlank(missing, "source", source);
        addIfBlank(missing, "type", type);
        addIfBlank(missing, "specversion", specVersion);
        return missing;
    }

    private static void addIfBlank(List<String> missing, String name, String value) {
        if (value == null || value.isBlank()) {
            missing.add(name);
        }
    }

    /** The {@code tenant} extension, or null. */
    public String tenant() {
        return extensions.get("tenant");
    }

    /** The {@code partitionkey} extension (the ordering key), or null. */
    public String partitionKey() {
        return extensions.get("partitionkey");
    }

    /** An extension attribute by name ({@code tenant}), or null. */
    public String extension(String name) {
        return extensions.get(name.toLowerCase(Locale.ROOT));
    }

    public EventEnvelope withId(String newId) {
        return toBuilder().id(newId).build();
    }

    public EventEnvelope withSource(String newSource) {
        return toBuilder().source(newSource).build();
    }

    public EventEnvelope withType(String newType) {
        return toBuilder().type(newType).build();
    }

    public EventEnvelope withTime(OffsetDateTime newTime) {
        return toBuilder().time(newTime).build();
    }

    public EventEnvelope withSubject(String newSubject) {
        return toBuilder().subject(newSubject).build();
    }

    public EventEnvelope withDataSchema(String newDataSchema) {
        return toBuilder().dataSchema(newDataSchema).build();
    }

    /** This envelope with an extension set, or removed when {@code value} is null. */
    public EventEnvelope withExtension(String name, String value) {
        return toBuilder().extension(name, value).build();
    }

    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.id = id;
        builder.source = source;
        builder.type = type;
        builder.specVersion = specVersion;
        builder.time = time;
        builder.subject = subject;
        builder.dataContentType = dataContentType;
        builder.dataSchema = dataSchema;
        builder.extensions.putAll(extensions);
        return builder;
    }

    /** A builder with spec version 1.0 preset and nothing else. */
    public static Builder builder() {
        return new Builder();
    }

    private static void put(Map<String, String> headers, String name, String value) {
        if (value != null) {
            headers.put(name, value);
        }
    }

    private static OffsetDateTime parseTime(String value) {
        return value == null || value.isBlank() ? null : EnvelopeRules.parseTime(value);
    }

    private static Map<String, String> copyExtensions(Map<String, String> extensions) {
        if (extensions == null || extensions.isEmpty()) {
            return Map.of();
        }
        // sorted, so that toString and the written header order do not depend on how it was built
        Map<String, String> copy = new TreeMap<>();
        extensions.forEach((name, value) -> {
            String key = Objects.requireNonNull(name, "extension name").toLowerCase(Locale.ROOT);
            if (key.isBlank() || CORE_ATTRIBUTES.contains(key)) {
                throw new IllegalArgumentException("'" + name + "' is not an extension attribute name");
            }
            copy.put(key, Objects.requireNonNull(value, "value of extension " + name));
        });
        return Collections.unmodifiableMap(copy);
    }

    /** Builds an envelope; nothing is checked here, see {@link #missingRequired()}. */
    public static final class Builder {
        private String id;
        private String source;
        private String type;
        private String specVersion = Envelope.SPEC_VERSION_1_0;
        private OffsetDateTime time;
        private String subject;
        private String dataContentType;
        private String dataSchema;
        private final Map<String, String> extensions = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder id(String value) {
            this.id = value;
            return this;
        }

        public Builder source(String value) {
            this.source = value;
            return this;
        }

        public Builder type(String value) {
            this.type = value;
            return this;
        }

        public Builder specVersion(String value) {
            this.specVersion = value;
            return this;
        }

        public Builder time(OffsetDateTime value) {
            this.time = value;
            return this;
        }

        public Builder subject(String value) {
            this.subject = value;
            return this;
        }

        public Builder dataContentType(String value) {
            this.dataContentType = value;
            return this;
        }

        public Builder dataSchema(String value) {
            this.dataSchema = value;
            return this;
        }

        public Builder tenant(String value) {
            return extension("tenant", value);
        }

        public Builder partitionKey(String value) {
            return extension("partitionkey", value);
        }

        /** Sets an extension attribute, or removes it when {@code value} is null. */
        public Builder extension(String name, String value) {
            String key = name.toLowerCase(Locale.ROOT);
            if (value == null) {
                extensions.remove(key);
            } else {
                extensions.put(key, value);
            }
            return this;
        }

        public EventEnvelope build() {
            return new EventEnvelope(id, source, type, specVersion, time, subject, dataContentType, dataSchema,
                    extensions);
        }
    }
}
