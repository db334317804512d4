package io.edakit.config;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.constructor.ConstructScalar;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/** Reads the YAML files users write (rules, saga definitions) into plain maps, lists and scalars. */
public final class YamlDocuments {

    private YamlDocuments() {
    }

    /**
     * Duplicate keys are errors (a key written twice is a mistake, not an override); the YAML 1.2
     * core schema gives {@code true}, {@code 5} and {@code 0.5} their usual types, except that a
     * number with a fraction or an exponent is read as the exact {@link BigDecimal} it spells
     * ({@code 0.10000000000000000001}, {@code 1E-325}, {@code 2.0e422}): a {@code double} would make
     * the first 0.1, the second 0 and the third infinite, so a pattern would not match its own
     * spelling. {@code .inf} and {@code .nan} stay {@code Double}s, for callers to refuse.
     *
     * @throws IllegalArgumentException naming {@code source} when the text is not valid YAML
     */
    public static Object load(String yaml, String source) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(source)
                .setAllowDuplicateKeys(false)
                .setSchema(new ExactNumberSchema())
                .build();
        try {
            return new Load(settings).loadFromString(yaml);
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException(source + ": not valid YAML: " + e.getMessage(), e);
        }
    }

    /** The core schema with floats constructed as {@link BigDecimal}. */
    private static final class ExactNumberSchema extends CoreSchema {

        @Override
        public Map<Tag, ConstructNode> getSchemaTagConstructors() {
            Map<Tag, ConstructNode> constructors = new HashMap<>(super.getSchemaTagConstructors());
            ConstructNode doubles = constructors.get(Tag.FLOAT);
            constructors.put(Tag.FLOAT, new ExactFloat(doubles));
            return constructors;
        }
    }

    private static final class ExactFloat extends ConstructScalar {

        private final ConstructNode doubles;

        ExactFloat(ConstructNode doubles) {
            this.doubles = doubles;
        }

        @Override
        public Object construct(Node node) {
            String text = constructScalar(node);
            try {
                return new BigDecimal(text.startsWith("+") ? text.substring(1) : text);
            } catch (NumberFormatException notDecimal) {
                // .inf, -.Inf, .NaN (and exponents beyond BigDecimal's int scale): what the schema makes of them
                return doubles.construct(node);
            }
        }
    }
}
