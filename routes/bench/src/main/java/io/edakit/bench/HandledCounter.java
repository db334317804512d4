package io.edakit.bench;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The no-op handler of a benchmark side: counts what it handled and notes when the expected
 * count was reached. Counting past the target (a redelivery) is kept, so a duplicate shows.
 */
final class HandledCounter {

    private final AtomicLong count = new AtomicLong();
    private volatile long target = Long.MAX_VALUE;
    private volatile long reachedNanos;
    private volatile CountDownLatch reached = new CountDownLatch(1);

    /** Starts a phase: counting from zero, {@code expected} messages to come. */
    void expect(long expected) {
        reached = new CountDownLatch(1);
        reachedNanos = 0;
        target = Long.MAX_VALUE;
        count.set(0);
        target = expected;
    }

    /** The handler: one message handled. */
    void handled() {
        long now = count.incrementAndGet();
        if (now == target) {
            reachedNanos = System.nanoTime();
            reached.countDown();
        }
    }

    /** Waits until the expected count is reached; false on timeout. */
    boolean await(Duration timeout) throws InterruptedException {
        return reached.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** {@link System#nanoTime()} when the last expected message was handled. */
    long reachedNanos() {
        return reachedNanos;
    }

    long count() {
        return count.get();
    }
}
