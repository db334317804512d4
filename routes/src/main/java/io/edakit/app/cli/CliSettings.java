package io.edakit.app.cli;

import java.util.Map;
import java.util.Optional;

import io.edakit.app.config.LoadedConfig;
import io.edakit.config.EdakitSettings;

/**
 * edakit settings for commands that talk to a running instance's broker instead of running one:
 * {@code --set} first, then system properties, the environment ({@code EDAKIT_BROKER_PORT}) and the
 * configuration files, as Camel resolves them for the application itself.
 */
final class CliSettings {

    private CliSettings() {
    }

    static EdakitSettings of(LoadedConfig config, Map<String, String> overrides) {
        return EdakitSettings.from(key -> Optional.ofNullable(overrides.get(key))
                .or(() -> Optional.ofNullable(System.getProperty(key)))
                .or(() -> Optional.ofNullable(System.getenv(LoadedConfig.environmentName(key))))
                .or(() -> Optional.ofNullable(config.value(key))));
    }
}
