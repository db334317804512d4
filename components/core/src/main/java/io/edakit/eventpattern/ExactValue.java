package io.edakit.eventpattern;

import java.util.Objects;
import java.util.List;

/** {@code type: [order.created]}: the value equals the text, case included. */
public record ExactValue(String value) implements Condition {

    public ExactValue {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public boolean matches(String actual) {
        return value.equals(actual);
    }

    @Override
    public List<IndexKey> indexKeys() {
        return List.of(new IndexKey(IndexKey.Kind.EXACT, value));
    }
}
