package io.edakit.eventpattern;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The index of one attribute: for a value, which rules have a key it hits. Exact keys are hash
 * look-ups, prefix and suffix keys trie walks; case-insensitive keys live in their own maps and
 * tries over case-folded text, and the value is folded only if such keys exist.
 */
final class AttributeIndex {

    private final Map<String, int[]> exact;
    private final Map<String, int[]> exactFolded;
    private final CharTrie prefixes;
    private final CharTrie foldedPrefixes;
    private final CharTrie suffixes;
    private final CharTrie foldedSuffixes;
    private final int[] present;

    private AttributeIndex(Builder builder) {
        exact = freeze(builder.exact);
        exactFolded = freeze(builder.exactFolded);
        prefixes = freeze(builder.tries.get(IndexKey.Kind.PREFIX));
        foldedPrefixes = freeze(builder.tries.get(IndexKey.Kind.PREFIX_FOLDED));
        suffixes = freeze(builder.tries.get(IndexKey.Kind.SUFFIX));
        foldedSuffixes = freeze(builder.tries.get(IndexKey.Kind.SUFFIX_FOLDED));
        present = builder.present.toSortedArray();
    }

    /** Adds the rules whose keys this value hits. */
    void collect(String value, CandidateBuffer out) {
        addHits(exact, value, out);
        if (prefixes != null) {
            prefixes.collect(value, false, out);
        }
        if (suffixes != null) {
            suffixes.collect(value, true, out);
        }
        if (!exactFolded.isEmpty() || foldedPrefixes != null || foldedSuffixes != null) {
            String folded = CaseFold.fold(value);
            addHits(exactFolded, folded, out);
            if (foldedPrefixes != null) {
                foldedPrefixes.collect(folded, false, out);
            }
            if (foldedSuffixes != null) {
                foldedSuffixes.collect(folded, true, out);
            }
        }
        out.addAll(present);
    }

    private static void addHits(Map<String, int[]> keys, String value, CandidateBuffer out) {
        if (!keys.isEmpty()) {
            int[] hits = keys.get(value);
            if (hits != null) {
                out.addAll(hits);
            }
        }
    }

    private static Map<String, int[]> freeze(Map<String, IntList> keys) {
        Map<String, int[]> frozen = new HashMap<>(Math.max(4, keys.size() * 2));
        keys.forEach((key, rules) -> frozen.put(key, rules.toSortedArray()));
        return frozen;
    }

    private static CharTrie freeze(CharTrie.Builder trie) {
        return trie == null || trie.isEmpty() ? null : trie.build();
    }

    static final class Builder {

        private final Map<String, IntList> exact = new HashMap<>();
        private final Map<String, IntList> exactFolded = new HashMap<>();
        private final Map<IndexKey.Kind, CharTrie.Builder> tries = new EnumMap<>(IndexKey.Kind.class);
        private final IntList present = new IntList();

        void add(IndexKey key, int rule) {
            switch (key.kind()) {
                case EXACT -> exact.computeIfAbsent(key.text(), ignored -> new IntList()).add(rule);
                case EXACT_FOLDED -> exactFolded.computeIfAbsent(key.text(), ignored -> new IntList()).add(rule);
                case PREFIX, PREFIX_FOLDED -> trie(key.kind()).add(key.text(), false, rule);
                case SUFFIX, SUFFIX_FOLDED -> trie(key.kind()).add(key.text(), true, rule);
                case PRESENT -> present.add(rule);
                default -> throw new IllegalStateException("unknown index key kind " + key.kind());
            }
        }

        private CharTrie.Builder trie(IndexKey.Kind kind) {
            return tries.computeIfAbsent(kind, ignored -> new CharTrie.Builder());
        }

        AttributeIndex build() {
            return new AttributeIndex(this);
        }
    }
}
