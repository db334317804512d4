package io.edakit.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where settings come from (Camel's properties component, the configuration files of a command),
 * and the one place their text becomes typed values. Each read is checked against the key's
 * {@link ParameterSpec}, so a feature's settings class never parses a string itself and every bad
 * value fails the same way: a {@link SettingException} naming the key and the expectation.
 *
 * <p>A key is tried as declared (dashed) and in camelCase, since Camel and {@code -D} options use
 * either; blank values count as absent, so that {@code edakit.broker.url=} means "not set".
 */
public final class SettingSource {

    private final Function<String, Optional<String>> lookup;

    private SettingSource(Function<String, Optional<String>> lookup) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
    }

    public static SettingSource of(Function<String, Optional<String>> lookup) {
        return new SettingSource(lookup);
    }

    /** A source with no values: every setting has its default. */
    public static SettingSource empty() {
        return new SettingSource(key -> Optional.empty());
    }

    /** The value given for {@code key}, trimmed, in dashed or camelCase spelling; blank counts as absent. */
    public Optional<String> find(String key) {
        Optional<String> found = given(key);
        if (found.isPresent()) {
            return found;
        }
        String camel = Names.camelCase(key);
        return camel.equals(key) ? Optional.empty() : given(camel);
    }

    /** The value given for {@code spec}, unchecked; empty when none is given. */
    public Optional<String> find(ParameterSpec spec) {
        return find(spec.name());
    }

    /**
     * The value given for {@code spec} or its default, as text and unchecked: for the configuration
     * check, which must look at values before judging them. Features read typed values instead.
     */
    public String text(ParameterSpec spec) {
        return find(spec).orElse(spec.defaultValue());
    }

    /** A checked string value, or its default (empty when there is none). */
    public String string(ParameterSpec spec) {
        return checked(spec).orElse("");
    }

    /** A checked string value; empty when neither a value nor a non-empty default is given. */
    public Optional<String> optional(ParameterSpec spec) {
        return checked(spec).filter(value -> !value.isEmpty());
    }

    public int integer(ParameterSpec spec) {
        requireType(spec, ParameterType.INTEGER);
        return Integer.parseInt(required(spec));
    }

    public boolean bool(ParameterSpec spec) {
        requireType(spec, ParameterType.BOOLEAN);
        return Boolean.parseBoolean(required(spec).toLowerCase(Locale.ROOT));
    }

    /** A duration ({@code 500ms}, {@code 30s}, {@code 2h}) as {@link Durations} reads it. */
    public Duration duration(ParameterSpec spec) {
        requireType(spec, ParameterType.DURATION);
        return Durations.parse(required(spec));
    }

    /** One of the words of an {@link ParameterType#ENUM}, in lower case. */
    public String word(ParameterSpec spec) {
        requireType(spec, ParameterType.ENUM);
        String value = find(spec).map(v -> v.toLowerCase(Locale.ROOT)).orElse(spec.defaultValue());
        return check(spec, value);
    }

    public Path path(ParameterSpec spec) {
        return Path.of(required(spec));
    }

    public Optional<Path> optionalPath(ParameterSpec spec) {
        return optional(spec).map(Path::of);
    }

    private String required(ParameterSpec spec) {
        return checked(spec).orElseThrow(() -> new SettingException(spec.name(), "required, expected "
                + spec.type().label()));
    }

    private Optional<String> checked(ParameterSpec spec) {
        return Optional.ofNullable(text(spec)).map(value -> check(spec, value));
    }

    private static String check(ParameterSpec spec, String value) {
        if (value == null) {
            throw new SettingException(spec.name(), "required, expected " + spec.type().label());
        }
        spec.check(value).ifPresent(problem -> {
            throw new SettingException(spec.name(), spec.secret()
                    ? "invalid value (not shown: secret) for type " + spec.type().label() : problem);
        });
        return value.trim();
    }

    private static void requireType(ParameterSpec spec, ParameterType type) {
        if (spec.type() != type) {
            throw new IllegalArgumentException(spec.name() + " is declared " + spec.type().label() + ", not "
                    + type.label());
        }
    }

    private Optional<String> given(String key) {
        return lookup.apply(key).map(String::trim).filter(value -> !value.isEmpty());
    }
}
