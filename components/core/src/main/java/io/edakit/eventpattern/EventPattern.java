package io.edakit.eventpattern;

import java.util.List;
import java.util.Map;

/**
 * A parsed event pattern: every attribute entry must match and, when the pattern has a
 * {@code $or}, at least one of its branches must match too. Branches are patterns themselves, so
 * they may hold their own {@code $or}.
 *
 * <p>This is the plain, rule-by-rule evaluation; {@link RuleMatcher} uses it to confirm the
 * candidates its index finds, and the tests compare the two.
 *
 * @param attributes the attribute entries, all of which must match
 * @param anyOf      the {@code $or} branches: empty, or at least two of which one must match
 */
public record EventPattern(List<AttributeMatch> attributes, List<EventPattern> anyOf) {

    public EventPattern {
        attributes = List.copyOf(attributes);
        anyOf = List.copyOf(anyOf);
        if (attributes.isEmpty() && anyOf.isEmpty()) {
            throw new IllegalArgumentException("a pattern needs at least one attribute or $or");
        }
        if (anyOf.size() == 1) {
            throw new IllegalArgumentException("$or needs at least two branches");
        }
    }

    /**
     * @param event attribute name to value (see {@link EventAttributes}); a null value counts as
     *              a missing attribute
     */
    public boolean matches(Map<String, String> event) {
        for (AttributeMatch entry : attributes) {
            if (!entry.matches(event.get(entry.attribute()))) {
                return false;
            }
        }
        if (anyOf.isEmpty()) {
            return true;
        }
        for (EventPattern branch : anyOf) {
            if (branch.matches(event)) {
                return true;
            }
        }
        return false;
    }
}
