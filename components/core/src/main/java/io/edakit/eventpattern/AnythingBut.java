package io.edakit.eventpattern;

import java.util.List;

/**
 * {@code {anything-but: ...}}: the attribute is present and matches none of the excluded
 * conditions. A missing attribute never matches: "anything but X" still needs a value to be
 * something else (write {@code {exists: false}} as another alternative to accept absence too).
 *
 * <p>The excluded conditions are exact strings, numbers (excluded when numerically equal, so
 * {@code anything-but: [0]} also rejects {@code "0.0"}), or one prefix, suffix,
 * equals-ignore-case or wildcard condition.
 */
public record AnythingBut(List<Condition> excluded) implements Condition {

    public AnythingBut {
        excluded = List.copyOf(excluded);
        if (excluded.isEmpty()) {
            throw new IllegalArgumentException("anything-but needs at least one value to exclude");
        }
    }

    @Override
    public boolean matches(String actual) {
        if (actual == null) {
            return false;
        }
        for (Condition condition : excluded) {
            if (condition.matches(actual)) {
                return false;
            }
        }
        return true;
    }

    /** The values it matches share nothing that could be looked up. */
    @Override
    public List<IndexKey> indexKeys() {
        return List.of();
    }
}
