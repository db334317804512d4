package io.edakit.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * How a run shares the machine fairly between its two sides: each side's N messages are split
 * into slices, measured in an ABBA order (A B B A A B B A ...), so that load from elsewhere and
 * drifts within the run (JIT, journal growth, GC) fall on both sides alike.
 */
final class Slices {

    private Slices() {
    }

    /** Sizes of the {@code slices} slices of {@code total} (the first ones one larger when it does not divide). */
    static List<Integer> sizes(int total, int slices) {
        int count = Math.max(1, Math.min(slices, total));
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sizes.add(total / count + (i < total % count ? 1 : 0));
        }
        return sizes;
    }

    /** Which side (0 = first, 1 = second) measures in step {@code step} of 2 x slices steps: ABBA ABBA ... */
    static int sideOf(int step) {
        int inQuad = step % 4;
        return inQuad == 0 || inQuad == 3 ? 0 : 1;
    }

    /** CPU time this process (broker, clients, Camel: everything) has used, in nanoseconds; -1 if unknown. */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
