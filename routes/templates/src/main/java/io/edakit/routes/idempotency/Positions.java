package io.edakit.routes.idempotency;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import io.edakit.failure.PoisonMessageException;

/**
 * Reads an event's position in its scope: a whole number (a sequence, a version) as it is, or an
 * RFC 3339 time such as the CloudEvents {@code time} attribute as epoch milliseconds.
 */
final class Positions {

    private Positions() {
    }

    static long parse(Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        String text = value == null ? "" : value.toString().trim();
        if (text.isEmpty()) {
            throw new PoisonMessageException("the event has no ordering position");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException notANumber) {
            try {
                return OffsetDateTime.parse(text).toInstant().toEpochMilli();
            } catch (DateTimeParseException notATime) {
                throw new PoisonMessageException("ordering position '" + text
                        + "' is neither a whole number nor an RFC 3339 time");
            }
        }
    }
}
