package io.edakit.eventpattern;

import java.util.Objects;

/**
 * What a condition guarantees about any value it matches, in a form the matcher can look up
 * without evaluating the condition: "the value equals X", "the value starts with X" ... If a
 * condition matches a value, the value hits the condition's key; the converse need not hold (a
 * wildcard's key is only its literal head or tail), which is why the matcher still evaluates every
 * rule it finds through the index.
 *
 * @param kind how the text is compared
 * @param text the value, prefix or suffix; case-folded for the {@code _FOLDED} kinds; empty for
 *             {@link Kind#PRESENT}
 */
public record IndexKey(Kind kind, String text) {

    public enum Kind {
        /** The value equals the text. */
        EXACT,
        /** The case-folded value equals the text. */
        EXACT_FOLDED,
        /** The value starts with the text. */
        PREFIX,
        /** The case-folded value starts with the text. */
        PREFIX_FOLDED,
        /** The value ends with the text. */
        SUFFIX,
        /** The case-folded value ends with the text. */
        SUFFIX_FOLDED,
        /** The attribute is present, whatever its value. */
        PRESENT
    }

    public IndexKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    static IndexKey present() {
        return new IndexKey(Kind.PRESENT, "");
    }
}
