package io.edakit.eventpattern;

import java.util.List;
import java.util.Objects;

/**
 * {@code {suffix: ".created"}} or {@code {suffix: {equals-ignore-case: ".CREATED"}}}: the value ends
 * with the text. An empty suffix matches every present value.
 */
public record Suffix(String text, boolean ignoreCase) implements Condition {

    /** @param text the suffix as written; kept case-folded when {@code ignoreCase} */
    public Suffix {
        Objects.requireNonNull(text, "text");
        text = ignoreCase ? CaseFold.fold(text) : text;
    }

    @Override
    public boolean matches(String actual) {
        return actual != null && (ignoreCase ? CaseFold.fold(actual) : actual).endsWith(text);
    }

    @Override
    public List<IndexKey> indexKeys() {
        return List.of(new IndexKey(ignoreCase ? IndexKey.Kind.SUFFIX_FOLDED : IndexKey.Kind.SUFFIX, text));
    }
}
