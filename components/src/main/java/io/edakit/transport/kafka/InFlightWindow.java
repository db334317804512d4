package io.edakit.transport.kafka;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The records a receiver has handed to its sink and that are not settled yet, bounded by the
 * receiver's max-in-flight and shared by all its consumers. Settling a record frees a slot and
 * wakes the polling threads, which wait here instead of spinning while the window is full.
 */
final class InFlightWindow {

    private final int max;
    private final AtomicInteger used = new AtomicInteger();
    private final Object signal = new Object();
    private boolean signalled;

    InFlightWindow(int max) {
        this.max = max;
    }

    /** Takes a slot for one more record, unless the window is full. */
    boolean tryAcquire() {
        while (true) {
            int current = used.get();
            if (current >= max) {
                return false;
            }
            if (used.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /** A record was settled: frees its slot and wakes the waiting threads. */
    void release() {
        used.decrementAndGet();
        signal();
    }

    boolean isFull() {
        return used.get() >= max;
    }

    int used() {
        return used.get();
    }

    /** Wakes whoever waits in {@link #await}, e.g. because a settlement needs applying. */
    void signal() {
        synchronized (signal) {
            signalled = true;
            signal.notifyAll();
        }
    }

    /** Waits up to {@code millis} for a settlement (returns at once if one came since the last wait). */
    void await(long millis) throws InterruptedException {
        synchronized (signal) {
            if (!signalled) {
                signal.wait(millis);
            }
            signalled = false;
        }
    }
}
