package io.edakit.eventpattern;

import java.util.Arrays;

/**
 * The rule numbers an event's index look-ups produced: a growable int array, one per
 * {@link RuleMatcher#matching} call, so a compiled matcher shares nothing mutable between threads.
 * Sorting the numbers restores declaration order and brings duplicates (a rule found through two
 * keys) together.
 */
final class CandidateBuffer {

    private int[] rules = new int[16];
    private int size;

    void add(int rule) {
        if (size == rules.length) {
            rules = Arrays.copyOf(rules, size * 2);
        }
        rules[size++] = rule;
    }

    void addAll(int[] more) {
        if (more.length == 0) {
            return;
        }
        if (size + more.length > rules.length) {
            rules = Arrays.copyOf(rules, Math.max(size * 2, size + more.length));
        }
        System.arraycopy(more, 0, rules, size, more.length);
        size += more.length;
    }

    /** Sorts ascending and drops duplicates. */
    void sortDistinct() {
        Arrays.sort(rules, 0, size);
        int distinct = 0;
        for (int i = 0; i < size; i++) {
            if (distinct == 0 || rules[distinct - 1] != rules[i]) {
                rules[distinct++] = rules[i];
            }
        }
        size = distinct;
    }

    int size() {
        return size;
    }

    int get(int index) {
        return rules[index];
    }
}
