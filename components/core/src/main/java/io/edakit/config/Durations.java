package io.edakit.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

import org.apache.camel.util.TimeUtils;

/**
 * Durations as people write them in properties: a whole number and a unit, {@code 500ms},
 * {@code 30s}, {@code 10m}, {@code 2h}, {@code 7d}, or several from the largest unit down
 * ({@code 1h30m}). A bare number is milliseconds, as every time parameter was before it became a
 * duration ({@code timeout=5000}). Deliberately not ISO-8601 ({@code PT10M}): nobody reads that at
 * a glance.
 *
 * <p>The arithmetic is Camel's ({@link TimeUtils#toDuration}), so a value means here what it means
 * to Camel's own options. The form is checked here first: Camel reads what it does not understand
 * as zero ({@code abc}, {@code PT5S}, {@code -5s} and {@code 5S} all give 0 ms), stops at the first
 * letter it knows ({@code 2sec} is 2 s) and overflows silently, and none of that may become a timeout.
 */
public final class Durations {

    /** Each unit at most once, largest first; at most nine digits per unit and eighteen for bare milliseconds, so nothing overflows. */
    private static final Pattern FORMAT = Pattern.compile(
            "\\d{1,18}|(?=\\d)(?:\\d{1,9}d)?(?:\\d{1,9}h)?(?:\\d{1,9}m(?!s))?(?:\\d{1,9}s)?(?:\\d{1,9}ms)?");

    /** What a duration looks like, for messages and the catalog. */
    public static final String EXPECTED = "a duration such as 500ms, 30s, 10m, 2h or 7d (a bare number is milliseconds)";

    private Durations() {
    }

    /** Parses {@code text}, which must be more than zero; throws {@link IllegalArgumentException} naming the expected form. */
    public static Duration parse(String text) {
        return parse(text, false);
    }

    /**
     * Parses {@code text}; throws {@link IllegalArgumentException} naming the expected form.
     *
     * @param zeroAllowed whether zero is a valid value (a parameter for which 0 means "none" or "at once")
     */
    public static Duration parse(String text, boolean zeroAllowed) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("expected " + EXPECTED + ", got '" + text + "'");
        }
        Duration duration = TimeUtils.toDuration(value);
        if (duration.isZero() && !zeroAllowed) {
            throw new IllegalArgumentException("expected a duration greater than zero, got '" + text + "'");
        }
        return duration;
    }
}
