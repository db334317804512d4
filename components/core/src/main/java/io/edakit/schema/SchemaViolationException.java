package io.edakit.schema;

import java.util.List;
import java.util.stream.Collectors;

import io.edakit.failure.PoisonMessageException;

/**
 * An event that does not fit its schema, or whose type has no schema where unknown types are
 * rejected. A poison message: it goes to the dead-letter channel with every violation listed in
 * its failure message, one per line, since fixing the producer usually takes all of them.
 */
public class SchemaViolationException extends PoisonMessageException {

    private final String eventType;
    private final List<SchemaViolation> violations;

    public SchemaViolationException(String eventType, List<SchemaViolation> violations) {
        super(describe(eventType, violations));
        this.eventType = eventType;
        this.violations = List.copyOf(violations);
    }

    /** The event's {@code ce_type}, or null when it had none. */
    public String eventType() {
        return eventType;
    }

    public List<SchemaViolation> violations() {
        return violations;
    }

    private static String describe(String eventType, List<SchemaViolation> violations) {
        String subject = eventType == null ? "event without type" : "event of type '" + eventType + "'";
        return subject + " is invalid (" + violations.size() + " violation" + (violations.size() == 1 ? "" : "s") + "):\n"
                + violations.stream().map(SchemaViolation::toString).collect(Collectors.joining("\n"));
    }
}
