package io.edakit.eventpattern;

import java.util.List;

/**
 * {@code {exists: true}}: the event has the attribute, whatever its value (an empty string
 * included). {@code {exists: false}}: it does not; the only condition a missing attribute can
 * satisfy.
 */
public record Exists(boolean present) implements Condition {

    @Override
    public boolean matches(String actual) {
        return (actual != null) == present;
    }

    @Override
    public List<IndexKey> indexKeys() {
        // "absent" cannot be looked up among the values an event has
        return present ? List.of(IndexKey.present()) : List.of();
    }
}
