package io.edakit.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The value types a setting or template parameter may have, each with its own check. */
public enum ParameterType {
    STRING("string"),
    INTEGER("integer"),
    NUMBER("number"),
    BOOLEAN("boolean"),
    /** One of a fixed list of words, see {@link ParameterSpec#allowedValues()}. */
    ENUM("enum"),
    /** A Camel endpoint URI such as {@code direct:x}, {@code bean:y}, {@code platform-http:/z}. */
    ENDPOINT_URI("endpoint-uri"),
    /** A channel name: letters, digits and {@code . - _}. */
    CHANNEL("channel"),
    /** A duration such as {@code 30s}, {@code 10m}, {@code 2h}, {@code 7d}, see {@link Durations}. */
    DURATION("duration"),
    /**
     * A Camel simple expression such as {@code ${header.ce_id}}. Only Camel can compile it, so the
     * configuration check does that (with Camel's simple language, before anything starts); the
     * type itself accepts any text.
     */
    EXPRESSION("simple-expression");

    private final String label;

    ParameterType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether values are numbers, checked against {@link Bounds}. */
    public boolean isNumber() {
        return this == INTEGER || this == NUMBER;
    }

    /** Returns what is wrong with {@code value} for this type, or empty when it fits. */
    public Optional<String> check(String value, List<String> allowedValues) {
        String v = value.trim();
        switch (this) {
            case INTEGER:
                try {
                    Long.parseLong(v);
                    return Optional.empty();
                } catch (NumberFormatException e) {
                    return Optional.of("expected an integer, got '" + value + "'");
                }
            case NUMBER:
                try {
                    new java.math.BigDecimal(v); // no NaN, Infinity or hexadecimal, unlike Double.parseDouble
                    return Optional.empty();
                } catch (NumberFormatException e) {
                    return Optional.of("expected a number, got '" + value + "'");
                }
            case BOOLEAN:
                String lower = v.toLowerCase(Locale.ROOT);
                return lower.equals("true") || lower.equals("false")
                        ? Optional.empty() : Optional.of("expected true or false, got '" + value + "'");
            case ENUM:
                return allowedValues.contains(v)
                        ? Optional.empty() : Optional.of("expected one of " + allowedValues + ", got '" + value + "'");
            case ENDPOINT_URI:
                return v.matches("[a-zA-Z][a-zA-Z0-9+.-]*:.*")
                        ? Optional.empty() : Optional.of("expected a Camel endpoint URI such as direct:name, got '" + value + "'");
            case CHANNEL:
                return v.matches("[A-Za-z0-9][A-Za-z0-9._-]*")
                        ? Optional.empty()
                        : Optional.of("expected a channel name (letters, digits, '.', '-', '_'), got '" + value + "'");
            case DURATION:
                try {
                    Durations.parse(v);
                    return Optional.empty();
                } catch (IllegalArgumentException e) {
                    return Optional.of(e.getMessage());
                }
            default:
                return Optional.empty();
        }
    }
}
