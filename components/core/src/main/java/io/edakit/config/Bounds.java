package io.edakit.config;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * The range a number parameter accepts: at least {@code min}, at most {@code max} (or below it,
 * when {@code maxExclusive}). Compared as decimals, so a value is judged as written: neither
 * {@code 1e400} nor {@code 0.99999999999999999999} slips past a bound through rounding.
 *
 * @param min          smallest accepted value
 * @param max          largest accepted value, or the first one refused when {@code maxExclusive}
 * @param maxExclusive whether {@code max} itself is refused
 */
public record Bounds(BigDecimal min, BigDecimal max, boolean maxExclusive) {

    /** Whole numbers that fit the {@code int} every integer parameter is read into. */
    public static final Bounds INT = new Bounds(BigDecimal.valueOf(Integer.MIN_VALUE),
            BigDecimal.valueOf(Integer.MAX_VALUE), false);

    public Bounds {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (min.compareTo(max) > 0 || (maxExclusive && min.compareTo(max) == 0)) {
            throw new IllegalArgumentException("empty range " + min + " to " + max);
        }
    }

    public static Bounds of(Number min, Number max) {
        return new Bounds(decimal(min), decimal(max), false);
    }

    /** At least {@code min}; at most the largest {@code int}. */
    public static Bounds atLeast(Number min) {
        return new Bounds(decimal(min), INT.max(), false);
    }

    /** From {@code min} up to, not including, {@code limit}. */
    public static Bounds below(Number min, Number limit) {
        return new Bounds(decimal(min), decimal(limit), true);
    }

    /**
     * What is wrong with {@code value} (already known to be a number), or empty when it is in range.
     *
     * @param noun what the value is, for the message: "an integer", "a number"
     */
    public Optional<String> check(BigDecimal value, String original, String noun) {
        boolean tooLarge = maxExclusive ? value.compareTo(max) >= 0 : value.compareTo(max) > 0;
        if (value.compareTo(min) < 0 || tooLarge) {
            String range = describe();
            return Optional.of("expected " + noun + (range.startsWith("at least") ? " of " : " ") + range
                    + ", got '" + original + "'");
        }
        return Optional.empty();
    }

    /** The range in words, as the catalog and error messages show it: "at least 1", "0 to 65535". */
    public String describe() {
        if (maxExclusive) {
            return "from " + plain(min) + " up to (not including) " + plain(max);
        }
        if (max.equals(INT.max())) {
            return "at least " + plain(min);
        }
        return "from " + plain(min) + " to " + plain(max);
    }

    private static BigDecimal decimal(Number number) {
        return new BigDecimal(number.toString());
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
