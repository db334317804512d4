package io.edakit.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.apache.camel.CamelContext;

/**
 * The settings of one Camel context (or one command): each feature's group read from the source
 * once, when first asked for, and kept. Features obtain theirs with
 * {@code Settings.of(context).get(KafkaSettings.GROUP)} instead of reading properties themselves.
 *
 * <p>A group that fails to read (a bad value) is not kept: asking again fails again, naming the key.
 */
public final class Settings {

    private final SettingSource source;
    private final Map<SettingGroup<?>, Object> values;

    private Settings(SettingSource source, Map<SettingGroup<?>, Object> values) {
        this.source = source;
        this.values = values;
    }

    public static Settings from(SettingSource source) {
        return new Settings(source, new HashMap<>());
    }

    /** Settings looked up by key (a map, a properties object); absent keys have their defaults. */
    public static Settings from(Function<String, Optional<String>> lookup) {
        return from(SettingSource.of(lookup));
    }

    /**
     * The one instance of {@code context}, reading its properties component; created on first use.
     * Kept as a context plugin, so it ends with the context.
     */
    public static Settings of(CamelContext context) {
        synchronized (context) {
            Settings existing = context.getCamelContextExtension().getContextPlugin(Settings.class);
            if (existing != null) {
                return existing;
            }
            Settings created = from(key -> context.getPropertiesComponent().resolveProperty(key));
            context.getCamelContextExtension().addContextPlugin(Settings.class, created);
            return created;
        }
    }

    /** The typed settings of {@code group}, read on first use; throws {@link SettingException} for a bad value. */
    public synchronized <T> T get(SettingGroup<T> group) {
        // not computeIfAbsent: one group's reader may ask for another group
        @SuppressWarnings("unchecked")
        T value = (T) values.get(group);
        if (value == null) {
            value = group.read(source);
            values.put(group, value);
        }
        return value;
    }

    /**
     * These settings with {@code group}'s value given instead of read: e.g. a command that is a
     * client of a running instance's embedded broker instead of starting one.
     */
    public synchronized <T> Settings with(SettingGroup<T> group, T value) {
        Map<SettingGroup<?>, Object> copy = new HashMap<>(values);
        copy.put(group, value);
        return new Settings(source, copy);
    }

    /** Where the values come from: for checks that look at text before judging it. */
    public SettingSource source() {
        return source;
    }
}
