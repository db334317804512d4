package io.edakit.app.config;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The value a key will have once the application runs, and where it comes from, resolved the way
 * Camel resolves it: {@code --set} first, then system properties, the environment
 * ({@code EDAKIT_BROKER_PORT} for {@code edakit.broker.port}), the configuration files, and last
 * the runner's defaults. For checks that must see what {@code run} will use, and for commands that
 * talk to a running instance.
 */
public final class EffectiveProperties {

    private final LoadedConfig config;
    private final Map<String, String> overrides;
    private final Map<String, String> defaults;

    private EffectiveProperties(LoadedConfig config, Map<String, String> overrides, Map<String, String> defaults) {
        this.config = config;
        this.overrides = Map.copyOf(overrides);
        this.defaults = Map.copyOf(defaults);
    }

    public static EffectiveProperties of(LoadedConfig config, Map<String, String> overrides, Map<String, String> defaults) {
        return new EffectiveProperties(config, overrides, defaults);
    }

    /** The value of {@code key}, if any source sets it. */
    public Optional<String> value(String key) {
        return Optional.ofNullable(overrides.get(key))
                .or(() -> Optional.ofNullable(System.getProperty(key)))
                .or(() -> Optional.ofNullable(System.getenv(environmentName(key))))
                .or(() -> Optional.ofNullable(config.value(key)))
                .or(() -> Optional.ofNullable(defaults.get(key)));
    }

    /** Where {@link #value} found {@code key}, for a problem report: a file, {@code --set}, ... */
    public String source(String key) {
        if (overrides.containsKey(key)) {
            return "--set";
        }
        if (System.getProperty(key) != null) {
            return "system property -D" + key;
        }
        if (System.getenv(environmentName(key)) != null) {
            return "environment " + environmentName(key);
        }
        ConfigEntry entry = config.entries().stream().filter(e -> e.key().equals(key)).findFirst().orElse(null);
        if (entry != null) {
            return entry.file();
        }
        return defaults.containsKey(key) ? "default" : config.firstFile();
    }

    private static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
