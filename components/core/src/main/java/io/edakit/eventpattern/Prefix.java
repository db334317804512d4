package io.edakit.eventpattern;

import java.util.List;
import java.util.Objects;

/**
 * {@code {prefix: "order."}} or {@code {prefix: {equals-ignore-case: "ORDER."}}}: the value starts
 * with the text. An empty prefix matches every present value.
 */
public record Prefix(String text, boolean ignoreCase) implements Condition {

    /** @param text the prefix as written; kept case-folded when {@code ignoreCase} */
    public Prefix {
        Objects.requireNonNull(text, "text");
        text = ignoreCase ? CaseFold.fold(text) : text;
    }

    @Override
    public boolean matches(String actual) {
        return actual != null && (ignoreCase ? CaseFold.fold(actual) : actual).startsWith(text);
    }

    @Override
    public List<IndexKey> indexKeys() {
        return List.of(new IndexKey(ignoreCase ? IndexKey.Kind.PREFIX_FOLDED : IndexKey.Kind.PREFIX, text));
    }
}
