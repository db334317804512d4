package io.edakit.envelope;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.edakit.failure.PoisonMessageException;
import org.apache.camel.Message;

/**
 * The rules an event's envelope must satisfy to enter edakit: one definition for binary and
 * structured mode and for every entry (ingress, request-reply, sender-router, saga start).
 *
 * <ul>
 *   <li>{@code specversion} is {@code 1.0}, the only version edakit speaks;</li>
 *   <li>{@code id}, {@code source} and {@code type} are present and not empty;</li>
 *   <li>{@code time}, when present, is an RFC 3339 timestamp ({@code 2025-01-31T10:15:30Z},
 *       fractions and offsets allowed; seconds and the offset are not optional, unlike ISO 8601).</li>
 * </ul>
 *
 * An event breaking a rule cannot be repaired by a retry: the check throws a
 * {@link PoisonMessageException} naming every problem, so that the caller is told all of them at once.
 */
public final class EnvelopeRules {

    /** RFC 3339 {@code date-time}; {@link OffsetDateTime} then checks the values (month 13 ...). */
    private static final Pattern RFC_3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})");

    private static final String TIME_EXAMPLE = "(such as 2025-01-31T10:15:30Z)";

    private static final List<String> MANDATORY = List.of("id", "source", "type", "specversion");

    private EnvelopeRules() {
    }

    /**
     * Checks the envelope the message's headers carry ({@code ce_*}, or {@code ce-*} where no
     * {@code ce_*} header gives the attribute).
     *
     * @throws PoisonMessageException naming every rule the envelope breaks
     */
    public static void check(Message message) {
        check(EventEnvelope.attributes(message), "event");
    }

    /**
     * Checks an envelope given as attribute names (without prefix) and their text.
     *
     * @param what how the message names the event ({@code event}, {@code structured CloudEvent})
     * @throws PoisonMessageException naming every rule the envelope breaks
     */
    public static void check(Map<String, String> attributes, String what) {
        List<String> problems = problems(attributes);
        if (!problems.isEmpty()) {
            String id = attributes.get("id");
            throw new PoisonMessageException(what + (id == null || id.isBlank() ? "" : " " + id) + " "
                    + String.join("; ", problems));
        }
    }

    /** Every rule the envelope breaks, in words; empty when it is valid. */
    public static List<String> problems(Map<String, String> attributes) {
        List<String> problems = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> empty = new ArrayList<>();
        for (String name : MANDATORY) {
            String value = attributes.get(name);
            if (value == null) {
                missing.add(name);
            } else if (value.isBlank()) {
                empty.add(name);
            }
        }
        if (!missing.isEmpty()) {
            problems.add("lacks mandatory attribute(s): " + String.join(", ", missing));
        }
        if (!empty.isEmpty()) {
            problems.add("has empty attribute(s): " + String.join(", ", empty));
        }
        String version = attributes.get("specversion");
        if (version != null && !version.isBlank() && !Envelope.SPEC_VERSION_1_0.equals(version)) {
            problems.add("has specversion '" + version + "', but only " + Envelope.SPEC_VERSION_1_0 + " is supported");
        }
        String time = attributes.get("time");
        if (time != null && !isTime(time)) {
            problems.add("has time '" + time + "', which is not an RFC 3339 timestamp " + TIME_EXAMPLE);
        }
        return problems;
    }

    /**
     * An RFC 3339 timestamp ({@code t} and {@code z} may be lower case).
     *
     * @throws PoisonMessageException when it is not one
     */
    public static OffsetDateTime parseTime(String value) {
        if (!RFC_3339.matcher(value).matches()) {
            throw new PoisonMessageException("envelope attribute " + timeProblem(value));
        }
        try {
            return OffsetDateTime.parse(value.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            throw new PoisonMessageException("envelope attribute " + timeProblem(value), e);
        }
    }

    private static boolean isTime(String value) {
        try {
            parseTime(value);
            return true;
        } catch (PoisonMessageException e) {
            return false;
        }
    }

    private static String timeProblem(String value) {
        return "time '" + value + "' is not an RFC 3339 timestamp " + TIME_EXAMPLE;
    }
}
