package io.edakit.config;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/** Reads the YAML files users write (rules, saga definitions) into plain maps, lists and scalars. */
public final class YamlDocuments {

    private YamlDocuments() {
    }

    /**
     * Duplicate keys are errors (a key written twice is a mistake, not an override); the YAML 1.2
     * core schema gives {@code true}, {@code 5} and {@code 0.5} their usual types.
     *
     * @throws IllegalArgumentException naming {@code source} when the text is not valid YAML
     */
    public static Object load(String yaml, String source) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(source)
                .setAllowDuplicateKeys(false)
                .setSchema(new CoreSchema())
                .build();
        try {
            return new Load(settings).loadFromString(yaml);
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException(source + ": not valid YAML: " + e.getMessage(), e);
        }
    }
}
