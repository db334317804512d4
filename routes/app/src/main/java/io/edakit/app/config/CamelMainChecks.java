package io.edakit.app.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.edakit.config.Names;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyBindingException;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.main.MainHelper;
import org.apache.camel.spi.ExtendedPropertyConfigurerGetter;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.util.OrderedLocationProperties;

/**
 * Camel Main's own keys that configuration files use most ({@code camel.main.*}, {@code camel.server.*},
 * {@code camel.management.*}), bound the way Camel Main binds them at start-up, onto throwaway
 * configuration objects: an unknown option (a typo: Camel refuses it at start-up) or an empty value
 * is reported here, with the closest option, before anything starts. Values naming beans
 * ({@code #class:...}) or placeholders are left to Camel: binding them here would create objects.
 */
final class CamelMainChecks {

    private record Group(String prefix, Function<MainConfigurationProperties, Object> target) {
    }

    private static final List<Group> GROUPS = List.of(
            new Group("camel.main.", main -> main),
            new Group("camel.server.", MainConfigurationProperties::httpServer),
            new Group("camel.management.", MainConfigurationProperties::httpManagementServer));

    private CamelMainChecks() {
    }

    static List<ConfigProblem> check(LoadedConfig config, UnstartedCamel camel) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (ConfigEntry entry : config.entries()) {
            GROUPS.stream().filter(group -> entry.key().startsWith(group.prefix())).findFirst()
                    .flatMap(group -> problem(entry, group, camel))
                    .ifPresent(problem -> problems.add(new ConfigProblem(entry.file(), entry.key(), problem)));
        }
        return problems;
    }

    private static Optional<String> problem(ConfigEntry entry, Group group, UnstartedCamel camel) {
        String option = entry.key().substring(group.prefix().length());
        String value = entry.value().trim();
        if (value.isEmpty()) {
            return Optional.of("expected a value; remove the key to keep the default");
        }
        if (value.startsWith("#") || value.contains("{{")) {
            return Optional.empty();
        }
        Object target = group.target().apply(new MainConfigurationProperties());
        OrderedLocationProperties property = new OrderedLocationProperties();
        property.put(entry.file(), option, value);
        try {
            MainHelper.setPropertiesOnTarget(camel.get(), target, property, group.prefix(), true, true,
                    new OrderedLocationProperties());
            return Optional.empty();
        } catch (PropertyBindingException e) {
            if (e.getCause() != null) {
                return Optional.of("invalid value: " + String.valueOf(e.getCause().getMessage()).lines().findFirst()
                        .orElse(""));
            }
            String hint = closest(camel.get(), target, option).map(name -> "; did you mean '" + name + "'?").orElse("");
            return Optional.of("unknown option of Camel Main (" + group.prefix() + "*)" + hint);
        }
    }

    private static Optional<String> closest(CamelContext camel, Object target, String option) {
        PropertyConfigurer configurer = PluginHelper.getBootstrapConfigurerResolver(camel)
                .resolvePropertyConfigurer(target.getClass().getName(), camel);
        if (!(configurer instanceof ExtendedPropertyConfigurerGetter getter)) {
            return Optional.empty();
        }
        Map<String, Object> options = getter.getAllOptions(target);
        String dashed = Names.dashed(option);
        return options.keySet().stream().map(name -> Names.dashed(Character.toLowerCase(name.charAt(0)) + name.substring(1)))
                .min(Comparator.comparingInt(name -> Names.distance(name, dashed)))
                .filter(name -> Names.distance(name, dashed) <= Math.max(3, dashed.length() / 3));
    }
}
