package io.edakit.schema;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;

/**
 * One version of the payload schema of one event type, compiled once at load. A compiled
 * {@link JsonSchema} whose validators are initialized is safe to use from many threads.
 */
public final class EventSchema {

    private final String eventType;
    private final int version;
    private final Path file;
    private final JsonSchema compiled;

    EventSchema(String eventType, int version, Path file, JsonSchema compiled) {
        this.eventType = eventType;
        this.version = version;
        this.file = file;
        this.compiled = compiled;
    }

    public String eventType() {
        return eventType;
    }

    /** The version: the number of {@code <type>/<version>.json}; 1 for {@code <type>.json}. */
    public int version() {
        return version;
    }

    /** The file it was loaded from. */
    public Path file() {
        return file;
    }

    /** Every violation of this schema by {@code payload}; empty when it fits. */
    List<SchemaViolation> validate(JsonNode payload) {
        return compiled.validate(payload).stream().map(EventSchema::violation).toList();
    }

    /**
     * The library's message starts with the instance location ({@code $.amount: must have a minimum
     * value of 0}); the path is kept apart so that reports and tests can use it.
     */
    private static SchemaViolation violation(ValidationMessage message) {
        String path = message.getInstanceLocation().toString();
        String text = message.getMessage();
        String prefix = path + ": ";
        return new SchemaViolation(path, text.startsWith(prefix) ? text.substring(prefix.length()) : text);
    }

    @Override
    public String toString() {
        return eventType + " version " + version + " (" + file + ")";
    }
}
