package io.edakit.spring.boot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.edakit.config.Names;
import io.edakit.config.ParameterSpec;
import io.edakit.config.SettingException;
import io.edakit.config.SettingGroup;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Checks the application's {@code edakit.*} properties against edakit's declarations before
 * anything of edakit starts (no port, no journal): an unknown key (with the closest declared one
 * suggested) and a value of the wrong type, out of range or not an allowed word stop start-up with
 * a {@link SettingException} naming the key. Secret values are never shown. What needs more than
 * the key's own value (Kafka without bootstrap servers ...) is judged by the feature when it reads
 * its settings, at start-up as well.
 */
final class EdakitSettingsCheck {

    private static final String PREFIX = "edakit.";

    private EdakitSettingsCheck() {
    }

    static void check(ConfigurableEnvironment environment) {
        List<String> fromSystemProperties = edakitKeys(environment, true);
        for (String key : edakitKeys(environment, false)) {
            Optional<ParameterSpec> spec = find(key);
            if (spec.isEmpty()) {
                // JVM system properties are the whole process's, not the application's configuration
                // (build and test switches such as -Dedakit.kamelets.write): only their values are judged
                if (!fromSystemProperties.contains(key)
                        && EdakitSettingGroups.ALL.stream().map(SettingGroup::family).noneMatch(family -> family.test(key))) {
                    throw new SettingException(key, "unknown edakit setting; did you mean '" + closest(key) + "'?");
                }
                continue;
            }
            String value = environment.getProperty(key);
            if (value == null || value.isBlank()) {
                continue; // blank means "not set", as everywhere in edakit
            }
            spec.get().check(value).ifPresent(problem -> {
                throw new SettingException(key, spec.get().secret()
                        ? "invalid value (not shown: secret) for type " + spec.get().type().label() : problem);
            });
        }
    }

    /**
     * The edakit.* keys the application's property sources name (the starter's defaults are not
     * edakit's); with {@code systemPropertiesOnly}, those the JVM's system properties name.
     */
    private static List<String> edakitKeys(ConfigurableEnvironment environment, boolean systemPropertiesOnly) {
        List<String> keys = new ArrayList<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            boolean system = StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME.equals(source.getName());
            if (source instanceof EnumerablePropertySource<?> enumerable && (system || !systemPropertiesOnly)
                    && !EdakitEnvironmentDefaults.SOURCE.equals(source.getName())) {
                for (String name : enumerable.getPropertyNames()) {
                    if (name.startsWith(PREFIX) && !keys.contains(name)) {
                        keys.add(name);
                    }
                }
            }
        }
        return keys;
    }

    private static Optional<ParameterSpec> find(String key) {
        String camel = Names.camelCase(key);
        return EdakitSettingGroups.KEYS.stream().filter(spec -> Names.camelCase(spec.name()).equals(camel)).findFirst();
    }

    private static String closest(String key) {
        return EdakitSettingGroups.KEYS.stream().map(ParameterSpec::name)
                .min(Comparator.comparingInt(name -> Names.distance(name, key))).orElse("");
    }
}
