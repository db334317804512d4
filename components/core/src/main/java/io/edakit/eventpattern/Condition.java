package io.edakit.eventpattern;

import java.util.List;

/**
 * One alternative in the list of conditions a pattern gives for an attribute (the list matches when
 * any alternative does).
 *
 * <p>Each operator states two things side by side: when it matches, and which {@link IndexKey}s any
 * matching value is sure to hit. Keeping the two in one small class is what keeps the index and
 * the plain evaluation from drifting apart.
 */
public sealed interface Condition
        permits ExactValue, EqualsIgnoreCase, Prefix, Suffix, Wildcard, AnythingBut, NumericRange, Exists {

    /**
     * @param value the attribute's value, or null when the event does not have the attribute
     */
    boolean matches(String value);

    /**
     * Keys the matcher may file this condition under: every value the condition matches hits each
     * of them, and the matcher picks the one fewest other rules share (a wildcard offers its literal
     * head and its literal tail). Empty when there is none: the condition then matches values that
     * share nothing indexable (anything-but, numeric) or a missing attribute ({@code exists: false}).
     */
    List<IndexKey> indexKeys();
}
