package io.edakit.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One parameter of a route template, declared once and typed: what the catalog and the validator
 * read ({@link #spec()}: name, type, default, documentation), the key and {@code {{placeholder}}}
 * a route refers to it by, and its value read as its type. A template writes
 * {@code "channel:" + CHANNEL.placeholder()} in its route and {@code TIMEOUT.value(values)} where
 * it needs the value, instead of the parameter's name in string literals parsed by hand.
 *
 * <pre>{@code
 * static final Param<Duration> TIMEOUT = Param.duration("timeout").defaultValue("5s")
 *         .description("How long to wait for the reply.").example("2s").build();
 * }</pre>
 *
 * @param <T> the type {@link #value} reads the parameter as
 */
public final class Param<T> {

    private final ParameterSpec spec;
    private final BiFunction<ParameterSpec, String, T> reader;

    private Param(ParameterSpec spec, BiFunction<ParameterSpec, String, T> reader) {
        this.spec = spec;
        this.reader = reader;
    }

    /** Text, as given (not trimmed: a header list or a rule set reads its own spacing). */
    public static Builder<String> string(String name) {
        return new Builder<>(ParameterSpec.builder(name, ParameterType.STRING), (spec, raw) -> raw);
    }

    public static Builder<Integer> integer(String name, Bounds bounds) {
        return new Builder<>(ParameterSpec.builder(name, ParameterType.INTEGER).bounds(bounds),
                (spec, raw) -> Integer.valueOf(raw.trim()));
    }

    public static Builder<Double> number(String name, Bounds bounds) {
        return new Builder<>(ParameterSpec.builder(name, ParameterType.NUMBER).bounds(bounds),
                (spec, raw) -> Double.valueOf(raw.trim()));
    }

    public static Builder<Boolean> bool(String name) {
        return new Builder<>(ParameterSpec.builder(name, ParameterType.BOOLEAN),
                (spec, raw) -> Boolean.parseBoolean(raw.trim()));
    }

    /** A time: {@code 500ms}, {@code 30s}, {@code 2h}, {@code 7d}; a bare number is milliseconds ({@link Durations}). */
    public static Builder<Duration> duration(String name) {
        return new Builder<>(ParameterSpec.builder(name, ParameterType.DURATION),
                (spec, raw) -> Durations.parse(raw, spec.zeroAllowed()));
    }

    public static Builder<String> channel(String name) {
        return new Builder<>(ParameterSpec.builder(name, ParameterType.CHANNEL), (spec, raw) -> raw.trim());
    }

    public static Builder<String> endpoint(String name) {
        return new Builder<>(ParameterSpec.builder(name, ParameterType.ENDPOINT_URI), (spec, raw) -> raw);
    }

    /** A Camel simple expression, as text: compiling it takes the Camel context of the instance. */
    public static Builder<String> expression(String name) {
        return new Builder<>(ParameterSpec.builder(name, ParameterType.EXPRESSION), (spec, raw) -> raw);
    }

    /**
     * One of {@code words}, read as the constant of {@code type} each names ({@code dead-letter} is
     * {@code DEAD_LETTER}). The words are listed in the order the catalog shows them, and must name
     * every constant, so that a constant added later is not unreachable by accident.
     */
    public static <E extends Enum<E>> Builder<E> choice(String name, Class<E> type, String... words) {
        Set<E> named = Arrays.stream(words).map(word -> constant(type, word)).collect(Collectors.toSet());
        if (!named.equals(EnumSet.allOf(type))) {
            throw new IllegalArgumentException(name + ": the words " + Arrays.toString(words) + " must name each of "
                    + EnumSet.allOf(type));
        }
        return new Builder<>(ParameterSpec.builder(name, ParameterType.ENUM).allowed(words),
                (spec, raw) -> constant(type, raw.trim()));
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String word) {
        return Enum.valueOf(type, word.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** What the catalog and the validator read. */
    public ParameterSpec spec() {
        return spec;
    }

    /** The name as users write it, dashed: {@code max-in-flight}. */
    public String name() {
        return spec.name();
    }

    /** The key Camel passes the value by, camelCase: {@code maxInFlight}. */
    public String key() {
        return spec.camelCaseName();
    }

    /** How a route template refers to the value: {@code {{maxInFlight}}}. */
    public String placeholder() {
        return "{{" + key() + "}}";
    }

    /**
     * The value among {@code values} (raw values by {@link #key()}, defaults applied), read as this
     * parameter's type.
     *
     * @throws IllegalArgumentException naming the parameter and what it expects, when the value has not the type
     */
    public T value(Function<String, String> values) {
        return read(Objects.requireNonNullElse(values.apply(key()), ""));
    }

    /** {@code raw} read as this parameter's type; throws like {@link #value}. */
    public T read(String raw) {
        spec.check(raw).ifPresent(problem -> {
            throw new IllegalArgumentException("parameter '" + name() + "': " + problem);
        });
        return reader.apply(spec, raw);
    }

    /** The same parameter (name, type, default) described for one template: its own words and example. */
    public Param<T> describedAs(String description, Object example) {
        return new Param<>(copy(spec.defaultValue(), description, example), reader);
    }

    /** The same parameter with another default, described for one template. */
    public Param<T> defaultingTo(Object defaultValue, String description, Object example) {
        return new Param<>(copy(String.valueOf(defaultValue), description, example), reader);
    }

    /**
     * The same parameter (type, default, documentation) under another name, for a place where the
     * name is taken: a Kamelet's parameter may not be called like one of the {@code kamelet:}
     * endpoint's own options, which the Kamelet component keeps for itself.
     */
    public Param<T> renamed(String name) {
        return new Param<>(new ParameterSpec(name, spec.type(), spec.required(), spec.defaultValue(),
                spec.description(), spec.example(), spec.allowedValues(), spec.secret(), spec.bounds(),
                spec.zeroAllowed()), reader);
    }

    private ParameterSpec copy(String defaultValue, String description, Object example) {
        return new ParameterSpec(spec.name(), spec.type(), spec.required(), defaultValue, description,
                example != null ? String.valueOf(example) : defaultValue,
                spec.allowedValues(), spec.secret(), spec.bounds(), spec.zeroAllowed());
    }

    /** The specs of {@code params}, in order: what a catalog entry lists. */
    public static List<ParameterSpec> specs(List<Param<?>> params) {
        return params.stream().<ParameterSpec>map(Param::spec).toList();
    }

    @Override
    public String toString() {
        return name() + " (" + spec.type().label() + ")";
    }

    /** Builds a {@link Param}: the documentation of {@link ParameterSpec.Builder}, with the value's type fixed. */
    public static final class Builder<T> {
        private final ParameterSpec.Builder spec;
        private final BiFunction<ParameterSpec, String, T> reader;

        private Builder(ParameterSpec.Builder spec, BiFunction<ParameterSpec, String, T> reader) {
            this.spec = spec;
            this.reader = reader;
        }

        public Builder<T> required() {
            spec.required();
            return this;
        }

        public Builder<T> defaultValue(Object value) {
            spec.defaultValue(value);
            return this;
        }

        public Builder<T> description(String text) {
            spec.description(text);
            return this;
        }

        public Builder<T> example(Object value) {
            spec.example(value);
            return this;
        }

        /** A duration that may be zero; the description says what zero means. */
        public Builder<T> zeroAllowed() {
            spec.zeroAllowed();
            return this;
        }

        public Builder<T> secret() {
            spec.secret();
            return this;
        }

        public Param<T> build() {
            return new Param<>(spec.build(), reader);
        }
    }
}
