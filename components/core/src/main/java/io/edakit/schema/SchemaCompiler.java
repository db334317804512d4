package io.edakit.schema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion.VersionFlag;
import com.networknt.schema.ValidationMessage;

/**
 * Reads and compiles schema files, refusing a broken one at load rather than at the first event:
 * the file must be JSON, name a known dialect in {@code $schema} (2020-12 when absent), be valid
 * against that dialect's meta-schema (so {@code "type": "integr"} is caught), and have resolvable
 * references. Not thread-safe; used while a registry loads.
 */
final class SchemaCompiler {

    /** Draft used by files without {@code $schema}: the current one. */
    static final VersionFlag DEFAULT_DIALECT = VersionFlag.V202012;

    // A factory reads each file's $schema and picks that dialect; the flag is only the default.
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(DEFAULT_DIALECT);
    // Event schemas often say "format": "date-time" and mean it; 2020-12 treats format as an
    // annotation only unless told otherwise. Locations as JSON paths ($.customer.id): what people
    // read in a dead letter, where the default JSON pointer (/customer/id) reads like a URL.
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true)
            .pathType(PathType.JSON_PATH).build();
    private final Map<VersionFlag, JsonSchema> metaSchemas = new EnumMap<>(VersionFlag.class);

    JsonSchema compile(Path file) {
        JsonNode document = read(file);
        VersionFlag dialect = dialect(file, document);
        checkAgainstMetaSchema(file, document, dialect);
        try {
            JsonSchema schema = factory.getSchema(SchemaLocation.of(file.toUri().toString()), document, config);
            // resolves $refs and builds every validator now: errors surface here, and the schema is
            // then read-only, hence shareable between threads
            schema.initializeValidators();
            return schema;
        } catch (RuntimeException e) {
            // the library prefixes the (here empty) location: ": Reference /$defs/x cannot be resolved"
            String reason = String.valueOf(e.getMessage()).replaceFirst("^: ", "");
            throw new SchemaLoadException(file, "cannot compile the schema: " + reason, e);
        }
    }

    private static JsonNode read(Path file) {
        JsonNode document;
        try {
            document = Json.MAPPER.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw new SchemaLoadException(file, "not valid JSON: " + Json.describe(e), e);
        } catch (IOException e) {
            throw new SchemaLoadException(file, "cannot read: " + e.getMessage(), e);
        }
        if (document == null || !document.isObject()) {
            throw new SchemaLoadException(file, "a schema file holds one JSON object");
        }
        return document;
    }

    private static VersionFlag dialect(Path file, JsonNode document) {
        JsonNode declared = document.get("$schema");
        if (declared == null) {
            return DEFAULT_DIALECT;
        }
        // checked here so that an unknown dialect is refused instead of fetched from the network
        return VersionFlag.fromId(declared.asText()).orElseThrow(() -> new SchemaLoadException(file,
                "unknown $schema '" + declared.asText() + "'; use " + VersionFlag.V202012.getId() + " (draft 2020-12) or "
                        + VersionFlag.V7.getId() + " (draft-07)"));
    }

    private void checkAgainstMetaSchema(Path file, JsonNode document, VersionFlag dialect) {
        JsonSchema metaSchema = metaSchemas.computeIfAbsent(dialect,
                flag -> factory.getSchema(SchemaLocation.of(flag.getId())));
        Set<ValidationMessage> problems = metaSchema.validate(document);
        if (!problems.isEmpty()) {
            throw new SchemaLoadException(file, "not a valid JSON Schema (" + dialect.getId() + "): "
                    + problems.stream().map(ValidationMessage::getMessage).collect(Collectors.joining("; ")));
        }
    }
}
