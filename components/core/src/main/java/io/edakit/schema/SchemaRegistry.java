package io.edakit.schema;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.edakit.envelope.Envelope;
import io.edakit.envelope.EventEnvelope;

/**
 * The payload schemas of event types, loaded once from a folder (layout in {@link SchemaFiles}:
 * {@code <event-type>.json} is version 1, {@code <event-type>/<version>.json} any version), in
 * JSON Schema draft 2020-12 (the default) or draft-07. Every file is parsed, checked and compiled
 * at load, so a broken one stops the application at start-up, not at the first event. Immutable,
 * hence safe to share between routes and threads.
 *
 * <p><b>Which version checks an event.</b> The event's {@code ce_type} selects the event type. If
 * its {@code ce_dataschema} names a version, that version is used; otherwise the highest version.
 * A data schema names a version when the last segment of its URI, after the last {@code /} or
 * {@code :} and without a {@code .json} ending or a {@code v} in front, is a whole number:
 * {@code https://schemas.example.com/order.created/2.json}, {@code .../order.created/v2} and
 * {@code urn:orders:order.created:2} all name version 2, while
 * {@code https://schemas.example.com/order.created.json} names none. A named version the registry
 * does not have is treated like a type without a schema, so the {@link UnknownTypePolicy} decides.
 */
public final class SchemaRegistry {

    private static final Pattern NAMED_VERSION = Pattern.compile("[vV]?([1-9][0-9]{0,8})(\\.json)?");

    private final Path directory;
    private final Map<String, NavigableMap<Integer, EventSchema>> schemas;

    private SchemaRegistry(Path directory, Map<String, NavigableMap<Integer, EventSchema>> schemas) {
        this.directory = directory;
        this.schemas = schemas;
    }

    /** A registry without schemas: every event is of an unknown type. */
    public static SchemaRegistry empty() {
        return new SchemaRegistry(null, Map.of());
    }

    /**
     * Loads and compiles every schema of {@code directory}.
     *
     * @throws SchemaLoadException naming the file, when the folder is missing, a file is not JSON,
     *                             not a valid schema, or a version is defined twice
     */
    public static SchemaRegistry load(Path directory) {
        SchemaCompiler compiler = new SchemaCompiler();
        Map<String, NavigableMap<Integer, EventSchema>> loaded = new TreeMap<>();
        for (SchemaFiles.SchemaFile file : SchemaFiles.scan(directory)) {
            EventSchema schema = new EventSchema(file.eventType(), file.version(), file.path(), compiler.compile(file.path()));
            loaded.computeIfAbsent(file.eventType(), type -> new TreeMap<>()).put(file.version(), schema);
        }
        loaded.replaceAll((type, versions) -> Collections.unmodifiableNavigableMap(versions));
        return new SchemaRegistry(directory, Collections.unmodifiableMap(loaded));
    }

    /** The registry {@code edakit.schema.directory} names, or an empty one when it names none. */
    public static SchemaRegistry fromSettings(SchemaSettings settings) {
        return settings.directory().map(SchemaRegistry::load).orElseGet(SchemaRegistry::empty);
    }

    /** The folder the schemas came from; empty for {@link #empty()}. */
    public Optional<Path> directory() {
        return Optional.ofNullable(directory);
    }

    /** Event types that have a schema, sorted. */
    public Set<String> eventTypes() {
        return schemas.keySet();
    }

    /** The versions of an event type's schema, ascending; empty for an unknown type. */
    public List<Integer> versions(String eventType) {
        NavigableMap<Integer, EventSchema> versions = schemas.get(eventType);
        return versions == null ? List.of() : List.copyOf(versions.keySet());
    }

    /** The schema that checks events of {@code eventType} carrying {@code dataSchema} (may be null); see the class comment. */
    public Optional<EventSchema> find(String eventType, String dataSchema) {
        NavigableMap<Integer, EventSchema> versions = eventType == null ? null : schemas.get(eventType);
        if (versions == null) {
            return Optional.empty();
        }
        OptionalInt named = versionNamedBy(dataSchema);
        return Optional.ofNullable(named.isPresent() ? versions.get(named.getAsInt()) : versions.lastEntry().getValue());
    }

    /**
     * Checks an event's payload against the schema of its type, collecting every violation. A body
     * that is not JSON is one violation at {@code $}. An event without a schema is valid under
     * {@link UnknownTypePolicy#ALLOW} and one violation (at {@code ce_type} or {@code ce_dataschema})
     * under {@link UnknownTypePolicy#REJECT}.
     */
    public ValidationResult validate(EventEnvelope envelope, byte[] body, UnknownTypePolicy policy) {
        String type = envelope.type();
        if (type == null || type.isBlank()) {
            return withoutSchema(null, policy, new SchemaViolation(Envelope.TYPE, "missing; the event type selects the schema"));
        }
        Optional<EventSchema> schema = find(type, envelope.dataSchema());
        if (schema.isEmpty()) {
            return withoutSchema(type, policy, whyNoSchema(type, envelope.dataSchema()));
        }
        return new ValidationResult(type, schema.get(), check(schema.get(), body));
    }

    /** A validator applying {@code policy}, also usable as a Camel processor in a route. */
    public SchemaValidator validator(UnknownTypePolicy policy) {
        return new SchemaValidator(this, policy);
    }

    /** The version a {@code ce_dataschema} URI names, if any (rule in the class comment). */
    static OptionalInt versionNamedBy(String dataSchema) {
        if (dataSchema == null || dataSchema.isBlank()) {
            return OptionalInt.empty();
        }
        String uri = dataSchema.trim().replaceFirst("[?#].*$", "");
        String last = uri.substring(Math.max(uri.lastIndexOf('/'), uri.lastIndexOf(':')) + 1);
        Matcher matcher = NAMED_VERSION.matcher(last);
        return matcher.matches() ? OptionalInt.of(Integer.parseInt(matcher.group(1))) : OptionalInt.empty();
    }

    private static List<SchemaViolation> check(EventSchema schema, byte[] body) {
        if (body == null || body.length == 0) {
            return List.of(new SchemaViolation("$", "no payload; a JSON document was expected"));
        }
        JsonNode payload;
        try {
            payload = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return List.of(new SchemaViolation("$", "not valid JSON: " + Json.describe(e)));
        } catch (java.io.IOException e) {
            // reading a byte array does no I/O; kept apart so that nothing is mistaken for a violation
            throw new IllegalStateException(e);
        }
        return schema.validate(payload);
    }

    private SchemaViolation whyNoSchema(String type, String dataSchema) {
        OptionalInt named = versionNamedBy(dataSchema);
        if (named.isPresent() && schemas.containsKey(type)) {
            return new SchemaViolation(Envelope.DATASCHEMA, "'" + dataSchema + "' names version " + named.getAsInt()
                    + " of " + type + ", which has no schema; versions: "
                    + versions(type).stream().map(String::valueOf).collect(Collectors.joining(", ")));
        }
        return new SchemaViolation(Envelope.TYPE, "no schema for event type '" + type + "' "
                + (directory == null ? "(no schema directory configured)" : "in " + directory));
    }

    private static ValidationResult withoutSchema(String type, UnknownTypePolicy policy, SchemaViolation reason) {
        return new ValidationResult(type, null, policy == UnknownTypePolicy.ALLOW ? List.of() : List.of(reason));
    }

    @Override
    public String toString() {
        return "SchemaRegistry" + schemas.keySet() + (directory == null ? "" : " from " + directory);
    }
}
