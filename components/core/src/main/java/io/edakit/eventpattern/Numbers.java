package io.edakit.eventpattern;

import java.math.BigDecimal;

/**
 * Reads attribute values as numbers for the {@code numeric} operator and numeric exact values.
 *
 * <p>A number is an optional sign, digits with an optional fraction and an optional exponent
 * ({@code 5}, {@code -0.25}, {@code 1e3}, {@code +7}, {@code .5}). Anything else, including
 * surrounding spaces, hex, {@code NaN} and {@code Infinity}, is not a number and never matches a
 * numeric condition. {@link BigDecimal} is used so that {@code 0.1} in a pattern and {@code 0.1} in
 * a header are the same number, which binary floating point would not promise.
 */
final class Numbers {

    /** Longer values are not numbers: this keeps parsing cost bounded whatever a sender puts in a header. */
    static final int MAX_LENGTH = 100;

    private Numbers() {
    }

    /** The value as a number, or null when it is not one. */
    static BigDecimal parse(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH || !looksNumeric(value)) {
            return null; // checked first so that ordinary strings cost no exception
        }
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException exponentOutOfRange) {
            return null;
        }
    }

    private static boolean looksNumeric(String s) {
        int i = 0;
        int n = s.length();
        if (s.charAt(i) == '+' || s.charAt(i) == '-') {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
