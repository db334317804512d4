package io.edakit.eventpattern;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.List;

/**
 * {@code {numeric: [">", 0, "<=", 5]}}, and a number written as an exact value ({@code [5]}): the
 * value reads as a number (see {@link Numbers}) within the bounds. A value that is not a number
 * never matches, so {@code "abc"} is neither above nor below anything.
 *
 * <p>Bounds are {@link BigDecimal}s compared with {@code compareTo}, so {@code 5}, {@code 5.0} and
 * {@code 5e0} are the same number.
 */
public final class NumericRange implements Condition {

    private final BigDecimal lower;
    private final boolean lowerInclusive;
    private final BigDecimal upper;
    private final boolean upperInclusive;

    private NumericRange(BigDecimal lower, boolean lowerInclusive, BigDecimal upper, boolean upperInclusive) {
        this.lower = lower;
        this.lowerInclusive = lowerInclusive;
        this.upper = upper;
        this.upperInclusive = upperInclusive;
    }

    public static NumericRange equalTo(BigDecimal value) {
        Objects.requireNonNull(value, "value");
        return new NumericRange(value, true, value, true);
    }

    /**
     * @param lower null for no lower bound
     * @param upper null for no upper bound
     * @throws IllegalArgumentException when no number can satisfy both bounds: such a condition is
     *                                  a mistake, not a way to disable a rule
     */
    public static NumericRange between(BigDecimal lower, boolean lowerInclusive, BigDecimal upper, boolean upperInclusive) {
        if (lower == null && upper == null) {
            throw new IllegalArgumentException("a numeric condition needs at least one bound");
        }
        if (lower != null && upper != null) {
            int order = lower.compareTo(upper);
            if (order > 0 || (order == 0 && !(lowerInclusive && upperInclusive))) {
                throw new IllegalArgumentException("no number is " + describe(lower, lowerInclusive, upper, upperInclusive));
            }
        }
        return new NumericRange(lower, lowerInclusive, upper, upperInclusive);
    }

    @Override
    public boolean matches(String actual) {
        BigDecimal number = Numbers.parse(actual);
        if (number == null) {
            return false;
        }
        if (lower != null) {
            int order = number.compareTo(lower);
            if (order < 0 || (order == 0 && !lowerInclusive)) {
                return false;
            }
        }
        if (upper != null) {
            int order = number.compareTo(upper);
            return order < 0 || (order == 0 && upperInclusive);
        }
        return true;
    }

    /** Numbers that compare equal have many spellings ("5", "5.0", "5e0"): nothing to look up. */
    @Override
    public List<IndexKey> indexKeys() {
        return List.of();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NumericRange range
                && lowerInclusive == range.lowerInclusive && upperInclusive == range.upperInclusive
                && compareNullable(lower, range.lower) && compareNullable(upper, range.upper);
    }

    private static boolean compareNullable(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(lower == null ? null : lower.stripTrailingZeros(), lowerInclusive,
                upper == null ? null : upper.stripTrailingZeros(), upperInclusive);
    }

    @Override
    public String toString() {
        return "NumericRange[" + describe(lower, lowerInclusive, upper, upperInclusive) + "]";
    }

    private static String describe(BigDecimal lower, boolean lowerInclusive, BigDecimal upper, boolean upperInclusive) {
        if (lower != null && upper != null && lower.compareTo(upper) == 0 && lowerInclusive && upperInclusive) {
            return "= " + lower.toString();
        }
        StringBuilder text = new StringBuilder();
        if (lower != null) {
            text.append(lowerInclusive ? ">= " : "> ").append(lower.toString());
        }
        if (upper != null) {
            text.append(lower != null ? " and " : "").append(upperInclusive ? "<= " : "< ").append(upper.toString());
        }
        return text.toString();
    }
}
