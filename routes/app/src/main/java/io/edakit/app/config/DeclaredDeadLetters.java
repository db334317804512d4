package io.edakit.app.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;

import io.edakit.config.Names;
import io.edakit.routes.catalog.TemplateCatalog;
import io.edakit.routes.templates.DeadLetterChannels;

/**
 * The dead-letter channels a configuration's template instances declare, read from its files
 * (the command line's offline {@code dlq} commands); a running application asks its context instead
 * ({@link DeadLetterChannels#registered}).
 */
public final class DeclaredDeadLetters {

    private DeclaredDeadLetters() {
    }

    /** The dead-letter channels the template instances of {@code config} declare. */
    public static Set<String> of(LoadedConfig config) {
        Map<String, Map<String, String>> instances = new LinkedHashMap<>();
        for (ConfigEntry entry : config.entries()) {
            Matcher key = ConfigValidator.TEMPLATE_KEY.matcher(entry.key());
            if (key.matches()) {
                instances.computeIfAbsent(key.group(1), name -> new LinkedHashMap<>())
                        .put(Names.camelCase(key.group(2)), entry.value().trim());
            }
        }
        Set<String> channels = new TreeSet<>();
        instances.values().forEach(parameters -> TemplateCatalog.find(parameters.getOrDefault("templateId", ""))
                .ifPresent(template -> channels.addAll(DeadLetterChannels.of(template, parameters))));
        return channels;
    }
}
