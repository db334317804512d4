package io.edakit.eventpattern;

import java.util.Arrays;

/** Rule numbers collected while an index is built; frozen into a plain array afterwards. */
final class IntList {

    private int[] values = new int[4];
    private int size;

    void add(int value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    /** Sorted and without duplicates, which keeps look-ups from reporting a rule twice per key. */
    int[] toSortedArray() {
        return Arrays.stream(values, 0, size).sorted().distinct().toArray();
    }
}
