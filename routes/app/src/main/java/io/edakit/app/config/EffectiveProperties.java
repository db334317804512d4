package io.edakit.app.config;

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
    private final Map<String, String> defaults;

    private EffectiveProperties(LoadedConfig config, Map<String, String> defaults) {
        this.config = config;
        this.defaults = Map.copyOf(defaults);
    }

    /**
     * @param effective the configuration with {@code --set}, system properties and environment folded
     *                  in ({@link ConfigValidator#effective}); keys it does not declare are still looked up
     *                  in the system properties and the environment, as Camel would
     */
    public static EffectiveProperties of(LoadedConfig effective, Map<String, String> defaults) {
        return new EffectiveProperties(effective, defaults);
    }

    /** The value of {@code key}, if any source sets it. */
    public Optional<String> value(String key) {
        return entry(key).map(ConfigEntry::value).or(() -> Optional.ofNullable(defaults.get(key)));
    }

    /** Where {@link #value} found {@code key}, for a problem report: a file, {@code --set}, ... */
    public String source(String key) {
        return entry(key).map(ConfigEntry::file).orElse(defaults.containsKey(key) ? "default" : config.firstFile());
    }

    private Optional<ConfigEntry> entry(String key) {
        Optional<ConfigEntry> entry = config.entries().stream().filter(e -> e.key().equals(key)).findFirst();
        if (entry.filter(e -> e.file().equals(LoadedConfig.OVERRIDE_SOURCE)).isPresent()) {
            return entry;
        }
        String variable = LoadedConfig.environmentName(key);
        if (System.getProperty(key) != null) {
            return Optional.of(new ConfigEntry(key, System.getProperty(key), "system property -D" + key));
        }
        if (System.getenv(variable) != null) {
            return Optional.of(new ConfigEntry(key, System.getenv(variable), "environment variable " + variable));
        }
        return entry;
    }
}
