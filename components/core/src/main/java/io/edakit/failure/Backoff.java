package io.edakit.failure;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Delays between retries: exponential from {@code initialMillis}, capped at {@code maxMillis},
 * spread by {@code jitter} (0.15: plus or minus 15%) so that failures do not retry in lockstep.
 */
public record Backoff(long initialMillis, double multiplier, long maxMillis, double jitter) {

    public Backoff {
        if (initialMillis < 0 || multiplier < 1 || maxMillis < 0 || jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("backoff needs delays >= 0, multiplier >= 1 and 0 <= jitter < 1");
        }
    }

    /** The delay before retry number {@code retry} (1 for the first retry). */
    public long delayMillis(int retry) {
        double exact = Math.min(maxMillis, initialMillis * Math.pow(multiplier, Math.max(0, retry - 1)));
        double spread = jitter == 0 ? 1 : 1 + ThreadLocalRandom.current().nextDouble(-jitter, jitter);
        return Math.round(exact * spread);
    }
}
