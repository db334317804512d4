package io.edakit.config;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The settings of one feature: its keys, declared once (name, type, default, documentation,
 * secret or not), and how its typed value is read from a {@link SettingSource}. Each feature
 * declares its group beside its own code ({@code KafkaSettings.GROUP} next to the Kafka transport,
 * {@code ArtemisBrokerSettings.GROUP} next to the embedded broker); the application lists every
 * group once, for the catalog and the configuration check; a Camel context reads each group once
 * ({@link Settings}).
 *
 * @param title  what the catalog calls the group, e.g. "Kafka"
 * @param keys   the declared keys, in the catalog's order
 * @param family keys accepted although no {@link ParameterSpec} declares them (e.g. Kafka's
 *               pass-through client properties); {@code key -> false} for none
 * @param reader reads and checks the group's typed value; fails with a {@link SettingException}
 * @param <T>    the feature's settings type
 */
public record SettingGroup<T>(String title, List<ParameterSpec> keys, Predicate<String> family,
                              Function<SettingSource, T> reader) {

    public SettingGroup {
        Objects.requireNonNull(title, "title");
        keys = List.copyOf(keys);
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(reader, "reader");
    }

    public static <T> SettingGroup<T> of(String title, List<ParameterSpec> keys, Function<SettingSource, T> reader) {
        return new SettingGroup<>(title, keys, key -> false, reader);
    }

    /** This group, also accepting the keys {@code family} matches. */
    public SettingGroup<T> withFamily(Predicate<String> family) {
        return new SettingGroup<>(title, keys, family, reader);
    }

    public T read(SettingSource source) {
        return reader.apply(source);
    }

    /** Groups are compared by identity: each is one declaration, used as a key by {@link Settings}. */
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "SettingGroup[" + title + "]";
    }
}
