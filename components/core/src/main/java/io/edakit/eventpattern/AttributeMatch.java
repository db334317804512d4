package io.edakit.eventpattern;

import java.util.List;
import java.util.Objects;

/**
 * One entry of a pattern: an attribute and its alternatives ({@code type: [order.created,
 * {prefix: "invoice."}]}). It matches when any alternative matches the attribute's value.
 *
 * @param attribute the attribute name, in lower case (see {@link EventAttributes})
 * @param anyOf     the alternatives, at least one
 */
public record AttributeMatch(String attribute, List<Condition> anyOf) {

    public AttributeMatch {
        Objects.requireNonNull(attribute, "attribute");
        anyOf = List.copyOf(anyOf);
        if (anyOf.isEmpty()) {
            throw new IllegalArgumentException("attribute '" + attribute + "' needs at least one condition");
        }
    }

    /** @param value the attribute's value, or null when the event does not have it */
    public boolean matches(String value) {
        for (Condition condition : anyOf) {
            if (condition.matches(value)) {
                return true;
            }
        }
        return false;
    }
}
