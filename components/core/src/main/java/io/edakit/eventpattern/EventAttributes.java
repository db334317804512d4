package io.edakit.eventpattern;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.edakit.envelope.Envelope;

/**
 * Turns a message's headers into the flat attribute map patterns are matched against.
 *
 * <ul>
 *   <li>An envelope header is named by its CloudEvents attribute, without the prefix:
 *       {@code ce_type} is {@code type}, {@code ce_tenant} is {@code tenant}. The HTTP spelling
 *       ({@code ce-type}) is accepted too; when both spellings are present, {@code ce_type} wins.</li>
 *   <li>Any other header keeps its name: {@code kind} is {@code kind}, {@code JMSType} is
 *       {@code jmstype}.</li>
 *   <li>Names are lower-cased, on both sides: Camel looks headers up without regard to case, and
 *       a pattern should not stop matching because a transport capitalised a header.</li>
 *   <li>When an application header has the same name as an envelope attribute (a header
 *       {@code type} next to {@code ce_type}), the envelope wins: routing reads the envelope.</li>
 *   <li>Values become strings: {@code byte[]} (as Kafka headers arrive) is read as UTF-8, anything
 *       else by {@code toString()}. A header whose value is null is treated as missing.</li>
 * </ul>
 */
public final class EventAttributes {

    private EventAttributes() {
    }

    /** The attribute name a header is matched under. */
    public static String attributeName(String header) {
        String canonical = Envelope.canonicalName(header);
        return canonical != null ? canonical.substring(Envelope.PREFIX.length()) : header.toLowerCase(Locale.ROOT);
    }

    /** The attribute map of a message with these headers. */
    public static Map<String, String> fromHeaders(Map<String, ?> headers) {
        Map<String, String> attributes = new HashMap<>();
        Map<String, String> envelope = new HashMap<>();
        Set<String> canonicallySpelled = new HashSet<>();
        for (Map.Entry<String, ?> header : headers.entrySet()) {
            if (header.getValue() == null) {
                continue;
            }
            String value = text(header.getValue());
            String canonical = Envelope.canonicalName(header.getKey());
            if (canonical == null) {
                attributes.putIfAbsent(header.getKey().toLowerCase(Locale.ROOT), value);
                continue;
            }
            String attribute = canonical.substring(Envelope.PREFIX.length());
            boolean spelledCanonically = canonical.equals(header.getKey());
            if (spelledCanonically || !canonicallySpelled.contains(attribute)) {
                envelope.put(attribute, value);
            }
            if (spelledCanonically) {
                canonicallySpelled.add(attribute);
            }
        }
        attributes.putAll(envelope);
        return attributes;
    }

    private static String text(Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value.toString();
    }
}
