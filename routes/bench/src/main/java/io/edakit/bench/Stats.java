package io.edakit.bench;

import java.util.Arrays;
import java.util.List;

/** Small statistics over the runs of a benchmark. */
final class Stats {

    private Stats() {
    }

    /** The median (mean of the two middle values for an even count). */
    static double median(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** Messages per second for {@code count} messages in {@code nanos}. */
    static double rate(long count, long nanos) {
        return nanos <= 0 ? 0 : count * 1e9 / nanos;
    }
}
