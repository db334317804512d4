package io.edakit.bench;

import java.lang.management.ManagementFactory;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How a run shares the machine fairly between its sides (template, raw baseline, the plain Camel
 * route), and how long it measures:
 * <ol>
 * <li>Warm-up to a steady state: every side runs a slice per round, until each side's rate is within
 *     {@code --steady} percent of its previous round's at the same slice size (or {@code --warmup-rounds}
 *     is reached, which the run line says). After the first round the slice is sized to last
 *     {@code --slice-seconds} at the fastest side's pace (and grown again if that pace grows by half);
 *     the measured slices have the last warm-up slice's size.</li>
 * <li>Measured slices, the same count for every side, in a serpentine order (A B C C B A A B C ...;
 *     ABBA for two sides): load from elsewhere and drifts within the run (JIT, journal growth, GC)
 *     fall on every side alike. A slice holds at least {@code --messages / --slices} messages, more
 *     when that would end in under {@code --slice-seconds} at the warm-up's fastest pace: a slice of
 *     a few milliseconds measures the scheduler, not the template.</li>
 * </ol>
 */
final class Slices {

    /** Warm-up and measured slices never grow beyond this many messages (a bound for a very fast side). */
    static final int MAX_SLICE = 2_000_000;

    /** One slice of one side: runs {@code count} messages or calls and answers its rate (per second). */
    interface Slice {
        double run(int side, int count, boolean measured) throws Exception;
    }

    /** What the schedule measured: each side's slice rates, in the order they ran. */
    record Measured(List<List<Double>> sliceRates, int sliceSize, int warmupRounds, boolean steady) {

        /** {@code run 1/3 (template first, 4 slices of 40000 each, warm-up 3 rounds, steady)}. */
        String runLabel(int runIndex, int runs, String first) {
            return String.format(Locale.ROOT, "run %d/%d (%s first, %d slices of %d each, warm-up %d rounds, %s)",
                    runIndex, runs, first, sliceRates.get(0).size(), sliceSize, warmupRounds,
                    steady ? "steady" : "NOT steady");
        }
    }

    private Slices() {
    }

    /**
     * Warms the sides up, then measures them; prints a line per warm-up round. {@code names}: the
     * sides in this run's order.
     */
    static Measured run(List<String> names, BenchOptions options, Slice slice, String runLabel, PrintWriter out)
            throws Exception {
        int sides = names.size();
        double[] previous = null;
        int rounds = 0;
        boolean steady = options.warmup() == 0;
        int base = (int) Math.ceil((double) options.messages() / options.slices());
        int chunk = options.warmup();
        while (!steady && rounds < options.warmupRounds()) {
            double[] rates = new double[sides];
            for (int s = 0; s < sides; s++) {
                rates[s] = slice.run(s, chunk, false);
            }
            rounds++;
            // a slice's fixed costs (filling the pipeline, the last acknowledgement) weigh less in a longer one:
            // only rounds of the same slice size are compared
            steady = previous != null && steadyAgainst(previous, rates, options.steadyPercent() / 100.0);
            out.printf(Locale.ROOT, "%s warm-up %d (%d each):%s%s%n", runLabel, rounds, chunk, describe(names, rates),
                    steady ? " steady" : "");
            out.flush();
            BenchProgress.current().warmup(rounds, options.warmupRounds());
            previous = rates;
            // resized while the pace is still being found: once to the first round's pace, again if the pace
            // grew by half since (JIT), never down
            int wanted = sized(Math.max(options.warmup(), base), Arrays.stream(rates).max().orElse(0),
                    options.sliceSeconds());
            if ((rounds == 1 || wanted > chunk * 3 / 2) && wanted > chunk) {
                chunk = wanted;
                previous = null;
            }
        }
        int sliceSize = options.warmup() == 0 ? base : Math.max(base, chunk);
        List<List<Double>> rates = new ArrayList<>();
        for (int s = 0; s < sides; s++) {
            rates.add(new ArrayList<>());
        }
        for (int step = 0; step < sides * options.slices(); step++) {
            int side = sideOf(step, sides);
            rates.get(side).add(slice.run(side, sliceSize, true));
            BenchProgress.current().measured(step + 1, sides * options.slices());
        }
        return new Measured(rates, sliceSize, rounds, steady);
    }

    /** At least {@code least}, or as many as last {@code seconds} at {@code rate}, within {@link #MAX_SLICE}. */
    static int sized(int least, double rate, double seconds) {
        return (int) Math.min(MAX_SLICE, Math.max(least, Math.ceil(rate * seconds)));
    }

    private static boolean steadyAgainst(double[] previous, double[] rates, double tolerance) {
        for (int s = 0; s < rates.length; s++) {
            double larger = Math.max(previous[s], rates[s]);
            if (larger <= 0 || Math.abs(previous[s] - rates[s]) > tolerance * larger) {
                return false;
            }
        }
        return true;
    }

    private static String describe(List<String> names, double[] rates) {
        StringBuilder line = new StringBuilder();
        for (int s = 0; s < rates.length; s++) {
            line.append(String.format(Locale.ROOT, " %s %.0f/s", names.get(s), rates[s]));
        }
        return line.toString();
    }

    /**
     * Which side measures in step {@code step}: serpentine rounds over the {@code sides} sides
     * (0 1 2 2 1 0 0 1 2 ...; ABBA for two).
     */
    static int sideOf(int step, int sides) {
        int position = step % sides;
        return (step / sides) % 2 == 0 ? position : sides - 1 - position;
    }

    /** CPU time this process (broker, clients, Camel: everything) has used, in nanoseconds; -1 if unknown. */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
