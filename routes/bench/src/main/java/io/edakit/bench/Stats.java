package io.edakit.bench;

import java.util.Arrays;
import java.util.List;

/** Small statistics over the runs of a benchmark. */
final class Stats {

    /** Runs (or slices) that disagree by more than this share of their median make a figure unstable. */
    static final double UNSTABLE_SPREAD = 0.20;

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

    /** (largest - smallest) / median: 0.25 says the values disagree by a quarter of their median. */
    static double spread(List<Double> values) {
        double median = median(values);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        return median == 0 ? 0 : (max - min) / median;
    }

    /** Messages per second for {@code count} messages in {@code nanos}. */
    static double rate(long count, long nanos) {
        return nanos <= 0 ? 0 : count * 1e9 / nanos;
    }
}
