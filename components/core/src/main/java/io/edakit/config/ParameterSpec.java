package io.edakit.config;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One documented, checked parameter: of a route template, or an edakit setting. Declared once;
 * the catalog, the validator and the template all read the same declaration.
 *
 * @param name          the key as users write it (dashed form, e.g. {@code concurrent-consumers})
 * @param type          value type, checked before anything starts
 * @param required      whether a value must be given (only parameters without a default)
 * @param defaultValue  the value used when none is given, or null
 * @param description   one or two sentences for the catalog
 * @param example       a value that works, for the catalog
 * @param allowedValues the words an {@link ParameterType#ENUM} accepts, empty otherwise
 * @param secret        whether the value must never be shown (logs, validate output)
 * @param bounds        the range of an {@link ParameterType#INTEGER} or {@link ParameterType#NUMBER}, null otherwise
 * @param zeroAllowed   whether a {@link ParameterType#DURATION} may be zero (where 0 means "none" or "at once");
 *                      other durations must be more than zero
 */
public record ParameterSpec(String name, ParameterType type, boolean required, String defaultValue,
                            String description, String example, List<String> allowedValues, boolean secret,
                            Bounds bounds, boolean zeroAllowed) {

    public ParameterSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        allowedValues = List.copyOf(allowedValues);
        if (required && defaultValue != null) {
            throw new IllegalArgumentException(name + ": a required parameter has no default");
        }
        if (type == ParameterType.ENUM && allowedValues.isEmpty()) {
            throw new IllegalArgumentException(name + ": an enum parameter lists its allowed values");
        }
        // a number without a stated range lets a negative count or a port beyond 65535 through
        if (type.isNumber() != (bounds != null)) {
            throw new IllegalArgumentException(name + ": integer and number parameters, and only they, state their bounds");
        }
        if (zeroAllowed && type != ParameterType.DURATION) {
            throw new IllegalArgumentException(name + ": only a duration may allow zero (numbers state bounds)");
        }
    }

    public static Builder builder(String name, ParameterType type) {
        return new Builder(name, type);
    }

    /** The camelCase form Camel uses for template parameters ({@code my-param} becomes {@code myParam}). */
    public String camelCaseName() {
        return Names.camelCase(name);
    }

    /** What is wrong with {@code value}: not of the type, not an allowed word, or out of bounds; empty when it fits. */
    public Optional<String> check(String value) {
        if (type == ParameterType.DURATION) {
            try {
                Durations.parse(value, zeroAllowed);
                return Optional.empty();
            } catch (IllegalArgumentException e) {
                return Optional.of(e.getMessage());
            }
        }
        Optional<String> wrongType = type.check(value, allowedValues);
        if (wrongType.isPresent() || bounds == null) {
            return wrongType;
        }
        return bounds.check(new BigDecimal(value.trim()), value, type == ParameterType.INTEGER ? "an integer" : "a number");
    }

    /** Value as it may be shown to people: secrets are masked. */
    public String display(String value) {
        return secret ? Secrets.MASK : value;
    }

    public static final class Builder {
        private final String name;
        private final ParameterType type;
        private boolean required;
        private String defaultValue;
        private String description = "";
        private String example;
        private List<String> allowedValues = List.of();
        private boolean secret;
        private Bounds bounds;
        private boolean zeroAllowed;

        private Builder(String name, ParameterType type) {
            this.name = name;
            this.type = type;
        }

        public Builder required() {
            this.required = true;
            return this;
        }

        public Builder defaultValue(Object value) {
            this.defaultValue = String.valueOf(value);
            return this;
        }

        public Builder description(String text) {
            this.description = text;
            return this;
        }

        public Builder example(Object value) {
            this.example = String.valueOf(value);
            return this;
        }

        public Builder allowed(String... values) {
            this.allowedValues = List.of(values);
            return this;
        }

        /** The range of an integer or number parameter; every such parameter states one. */
        public Builder bounds(Bounds range) {
            this.bounds = range;
            return this;
        }

        /** A duration that may be zero; say in the description what zero means. */
        public Builder zeroAllowed() {
            this.zeroAllowed = true;
            return this;
        }

        public Builder secret() {
            this.secret = true;
            return this;
        }

        public ParameterSpec build() {
            return new ParameterSpec(name, type, required, defaultValue, description,
                    example != null ? example : defaultValue, allowedValues, secret, bounds, zeroAllowed);
        }
    }
}
