package io.edakit.fairness;

import java.util.Arrays;

/**
 * The last {@value #SIZE} dwell times of one tenant, for percentiles on demand: recording is a store
 * into a ring, reading sorts a copy (operators read rarely). The ring grows from 8 entries, so ten
 * thousand tenants that sent a message each cost a few hundred kilobytes, not 80 MB.
 * Not thread-safe: the scheduler's lock guards it.
 */
final class DwellReservoir {

    static final int SIZE = 1024;

    private long[] micros = new long[8];
    private long recorded;

    void record(long dwellNanos) {
        if (recorded < SIZE && recorded == micros.length) {
            micros = Arrays.copyOf(micros, micros.length * 2);
        }
        micros[(int) (recorded++ % micros.length)] = dwellNanos / 1_000;
    }

    /** The {@code quantile} (0..1) of the recorded dwells in milliseconds, 0 when none were. */
    double percentileMillis(double quantile) {
        int n = (int) Math.min(recorded, micros.length);
        if (n == 0) {
            return 0;
        }
        long[] copy = Arrays.copyOf(micros, n);
        Arrays.sort(copy);
        int index = Math.max(0, Math.min(n - 1, (int) Math.ceil(quantile * n) - 1));
        return copy[index] / 1000.0;
    }
}
