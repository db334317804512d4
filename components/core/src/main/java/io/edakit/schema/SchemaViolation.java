package io.edakit.schema;

import java.util.Objects;

/**
 * One reason an event does not fit its schema.
 *
 * @param path    where: a JSON path into the payload ({@code $.customer.id}), or the envelope header at
 *                fault ({@code ce_type}) when the event could not be matched to a schema at all
 * @param message what is wrong, e.g. {@code string found, integer expected}
 */
public record SchemaViolation(String path, String message) {

    public SchemaViolation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** {@code path: message}, the form of one line in reports. */
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
