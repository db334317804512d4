package io.edakit.workflow.path;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * ASL timestamps: RFC 3339 with an uppercase T and an offset or Z, e.g. {@code 2026-03-14T01:59:00Z}
 * or {@code 2026-03-14T01:59:00.123+01:00}.
 */
public final class Timestamps {

    private static final Pattern SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

    private Timestamps() {
    }

    public static boolean valid(String text) {
        return parse(text) != null;
    }

    /** The instant, or null when {@code text} is no ASL timestamp. */
    public static Instant parse(String text) {
        if (text == null || !SHAPE.matcher(text).matches()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
