package io.edakit.eventpattern;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A named pattern and where matching events go.
 *
 * @param name    unique within its rule set; used in logs and metrics
 * @param pattern what the event's attributes must match
 * @param targets channel names or Camel endpoint URIs, opaque here; at least one, no duplicates
 *                (an event would be delivered twice)
 */
public record Rule(String name, EventPattern pattern, List<String> targets) {

    public Rule {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a rule needs a name");
        }
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(targets, "targets");
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("rule '" + name + "': has no targets;"
                    + " list where matching events go, e.g. targets: [channel:audit]");
        }
        HashSet<String> distinct = new HashSet<>();
        for (String target : targets) {
            if (target == null || target.isBlank()) {
                throw new IllegalArgumentException("rule '" + name + "': targets: has an empty target");
            }
            if (!distinct.add(target)) {
                throw new IllegalArgumentException("rule '" + name + "': targets: '" + target
                        + "' is listed twice, so matching events would be delivered to it twice");
            }
        }
        targets = List.copyOf(targets);
    }

    /** Plain evaluation of this rule's pattern; {@link RuleMatcher} is the fast way for many rules. */
    public boolean matches(Map<String, String> attributes) {
        return pattern.matches(attributes);
    }
}
