package io.edakit.app.cli;

import java.util.Map;

import io.edakit.app.config.ConfigValidator;
import io.edakit.app.config.EffectiveProperties;
import io.edakit.app.config.LoadedConfig;
import io.edakit.config.Settings;

/**
 * edakit settings for commands that talk to a running instance's broker instead of running one:
 * {@code --set} first, then system properties, the environment ({@code EDAKIT_BROKER_PORT}) and the
 * configuration files, as Camel resolves them for the application itself.
 */
final class CliSettings {

    private CliSettings() {
    }

    static Settings of(LoadedConfig config, Map<String, String> overrides) {
        return Settings.from(EffectiveProperties.of(ConfigValidator.effective(config.withOverrides(overrides)),
                Map.of())::value);
    }
}
