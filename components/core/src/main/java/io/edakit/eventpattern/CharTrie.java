package io.edakit.eventpattern;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prefix (or, read backwards, suffix) keys and the rules stored under them, as an immutable trie.
 *
 * <p>A look-up walks the value once, one character per level, and collects the rules stored at
 * every node it passes: those are exactly the keys that are prefixes of the value. Its cost is the
 * length of the value, however many prefix keys there are, which is what keeps prefix rules from
 * costing time per rule.
 */
final class CharTrie {

    private static final int[] NONE = new int[0];
    private static final int LINEAR_SEARCH_LIMIT = 8;

    private final char[] labels;      // sorted
    private final CharTrie[] children; // children[i] follows labels[i]
    private final int[] rules;         // rules whose key ends at this node

    private CharTrie(char[] labels, CharTrie[] children, int[] rules) {
        this.labels = labels;
        this.children = children;
        this.rules = rules;
    }

    /**
     * Adds the rules of every key that is a prefix of the value (a suffix when {@code fromEnd}, the
     * keys having been added reversed).
     */
    void collect(String value, boolean fromEnd, CandidateBuffer out) {
        CharTrie node = this;
        out.addAll(node.rules);
        int length = value.length();
        for (int i = 0; i < length; i++) {
            node = node.child(value.charAt(fromEnd ? length - 1 - i : i));
            if (node == null) {
                return;
            }
            out.addAll(node.rules);
        }
    }

    private CharTrie child(char c) {
        char[] keys = labels;
        if (keys.length <= LINEAR_SEARCH_LIMIT) {
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] == c) {
                    return children[i];
                }
            }
            return null;
        }
        int at = Arrays.binarySearch(keys, c);
        return at >= 0 ? children[at] : null;
    }

    /** Mutable while the matcher is compiled; {@link #build()} freezes it. */
    static final class Builder {

        private final TreeMap<Character, Builder> children = new TreeMap<>();
        private final IntList rules = new IntList();
        private boolean empty = true;

        /** @param fromEnd store the key reversed, for suffix look-ups */
        void add(String key, boolean fromEnd, int rule) {
            empty = false;
            Builder node = this;
            int length = key.length();
            for (int i = 0; i < length; i++) {
                char c = key.charAt(fromEnd ? length - 1 - i : i);
                node = node.children.computeIfAbsent(c, ignored -> new Builder());
            }
            node.rules.add(rule);
        }

        boolean isEmpty() {
            return empty;
        }

        CharTrie build() {
            char[] labels = new char[children.size()];
            CharTrie[] built = new CharTrie[children.size()];
            int i = 0;
            for (Map.Entry<Character, Builder> child : children.entrySet()) {
                labels[i] = child.getKey();
                built[i] = child.getValue().build();
                i++;
            }
            int[] stored = rules.toSortedArray();
            return new CharTrie(labels, built, stored.length == 0 ? NONE : stored);
        }
    }
}
