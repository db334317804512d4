package io.edakit.ratelimit;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Paces callers to a steady rate (permits per second) with a small burst allowance. Callers that
 * arrive early are parked until their slot, so a receiver that calls {@link #acquire()} before each
 * read simply reads slower: nothing is queued or dropped.
 */
public final class RateLimiter {

    private final long intervalNanos;
    private final long burstNanos;
    private long nextFreeSlot;

    /**
     * @param permitsPerSecond the sustained rate, above zero
     * @param burst            how many permits may be taken at once after an idle period (at least 1)
     */
    public RateLimiter(double permitsPerSecond, int burst) {
        if (!(permitsPerSecond > 0)) {
            throw new IllegalArgumentException("rate must be above zero, was " + permitsPerSecond);
        }
        this.intervalNanos = (long) (TimeUnit.SECONDS.toNanos(1) / permitsPerSecond);
        this.burstNanos = intervalNanos * Math.max(0, burst - 1);
        this.nextFreeSlot = System.nanoTime();
    }

    /** Blocks until the caller may go on. */
    public void acquire() {
        long wait = reserve();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    private synchronized long reserve() {
        long now = System.nanoTime();
        // an idle limiter may bank up to `burst` permits, never more
        long slot = Math.max(nextFreeSlot, now - burstNanos);
        nextFreeSlot = slot + intervalNanos;
        return slot - now;
    }
}
