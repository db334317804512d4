package io.edakit.eventpattern;

import java.util.List;

/** {@code {equals-ignore-case: "Order.Created"}}: the value equals the text in any case. */
public record EqualsIgnoreCase(String value) implements Condition {

    /** @param value the text as written; it is kept case-folded */
    public EqualsIgnoreCase {
        value = CaseFold.fold(value);
    }

    @Override
    public boolean matches(String actual) {
        return actual != null && value.equals(CaseFold.fold(actual));
    }

    @Override
    public List<IndexKey> indexKeys() {
        return List.of(new IndexKey(IndexKey.Kind.EXACT_FOLDED, value));
    }
}
