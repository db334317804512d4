package io.edakit.schema;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of checking one event: every violation found (not just the first), and the schema
 * used, if any. Valid when there are no violations, which includes an event of a type without a
 * schema under {@link UnknownTypePolicy#ALLOW}.
 */
public final class ValidationResult {

    private final String eventType;
    private final EventSchema schema;
    private final List<SchemaViolation> violations;

    ValidationResult(String eventType, EventSchema schema, List<SchemaViolation> violations) {
        this.eventType = eventType;
        this.schema = schema;
        this.violations = List.copyOf(violations);
    }

    /** The event's {@code ce_type}, or null when it had none. */
    public String eventType() {
        return eventType;
    }

    /** The schema the payload was checked against; empty when the type has none. */
    public Optional<EventSchema> schema() {
        return Optional.ofNullable(schema);
    }

    public List<SchemaViolation> violations() {
        return violations;
    }

    public boolean valid() {
        return violations.isEmpty();
    }

    /** @throws SchemaViolationException listing every violation, unless the event is valid */
    public void throwIfInvalid() {
        if (!valid()) {
            throw new SchemaViolationException(eventType, violations);
        }
    }

    @Override
    public String toString() {
        String checked = schema == null ? "no schema" : schema.toString();
        return (valid() ? "valid" : "invalid " + violations) + " (" + checked + ")";
    }
}
