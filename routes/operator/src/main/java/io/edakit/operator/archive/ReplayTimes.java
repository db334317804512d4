package io.edakit.operator.archive;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import io.edakit.config.Durations;

/**
 * The times a replay window is written with, resolved against the clock when the replay starts:
 * an RFC 3339 time ({@code 2026-12-01T08:00:00Z}), a date (its midnight, UTC), {@code now},
 * {@code today} or {@code yesterday} (midnight UTC), or a duration ago ({@code -2h}, {@code -7d}).
 */
public final class ReplayTimes {

    /** What a window time may be, for error messages and help texts. */
    public static final String EXPECTED = "an RFC 3339 time (2026-12-01T08:00:00Z), a date (2026-12-01, midnight UTC), "
            + "now, today, yesterday, or a duration ago (-2h, -7d)";

    private ReplayTimes() {
    }

    /** {@code text} as an instant; {@code what} names it in the error ("from"). */
    public static Instant parse(String text, String what, Clock clock) {
        String value = text == null ? "" : text.strip();
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        try {
            switch (value) {
                case "now":
                    return clock.instant();
                case "today":
                    return today.atStartOfDay(ZoneOffset.UTC).toInstant();
                case "yesterday":
                    return today.minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                default:
                    break;
            }
            if (value.startsWith("-")) {
                return clock.instant().minus(Durations.parse(value.substring(1)));
            }
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": expected " + EXPECTED + ", got '" + value + "'");
        }
    }
}
