package io.edakit.transport.kafka;

/**
 * What a receiver may hold that a crash would hand to the handler again, shared by all its
 * consumers: at most {@code max} records in processing (handed to the sink, not settled), and at
 * most {@code maxUncommitted} more that were accepted but are not covered by a confirmed offset
 * commit yet. A consumer delivers only while both have room, so a crash hands at most
 * {@code max + maxUncommitted} records of a receiver to the handler a second time.
 *
 * <p>Settling a record or confirming a commit frees room and wakes the polling threads, which wait
 * here instead of spinning while the window is full.
 */
final class InFlightWindow {

    private final int max;
    private final int refill;
    private final int maxUncommitted;
    private final int consumers;
    private final Object signal = new Object();
    private int processing; // guarded by this
    private int uncommitted; // guarded by this
    private boolean signalled; // guarded by signal

    /** A window that wakes the polling threads at every settled record. */
    InFlightWindow(int max, int maxUncommitted, int consumers) {
        this(max, 1, maxUncommitted, consumers);
    }

    /**
     * @param refill    once the window is full, how many records must leave processing before an
     *                  acceptance wakes the polling threads again (rejections, commits and stops wake them at once)
     * @param consumers how many consumers share the window (each commits its own partitions)
     */
    InFlightWindow(int max, int refill, int maxUncommitted, int consumers) {
        if (max < 1 || refill < 1 || refill > max || maxUncommitted < 1 || consumers < 1) {
            throw new IllegalArgumentException("the in-flight window must hold at least one record, was " + max
                    + " in processing and " + maxUncommitted + " uncommitted, for " + consumers + " consumers");
        }
        this.max = max;
        this.refill = refill;
        this.maxUncommitted = maxUncommitted;
        this.consumers = consumers;
    }

    /** Takes room for one more record, unless the window is full. */
    synchronized boolean tryAcquire() {
        if (full()) {
            return false;
        }
        processing++;
        return true;
    }

    /**
     * A record was accepted: it leaves processing and waits for a commit. It wakes the polling
     * threads only once {@code refill} records have room: woken for each record, a consumer whose
     * window is full polls once per record (and two threads switch per record), CPU that a busy
     * machine takes from everything else.
     */
    void accepted() {
        boolean wake;
        synchronized (this) {
            processing--;
            uncommitted++;
            wake = max - processing >= refill;
        }
        if (wake) {
            signal();
        }
    }

    /** A record was rejected: it leaves processing (it comes again, it was not handled). */
    void rejected() {
        synchronized (this) {
            processing--;
        }
        signal();
    }

    /** {@code records} accepted records are safe from a crash now (committed), or no longer this receiver's. */
    void committed(int records) {
        if (records == 0) {
            return;
        }
        synchronized (this) {
            uncommitted -= records;
        }
        signal();
    }

    synchronized boolean isFull() {
        return full();
    }

    /** Whether the window is full only because accepted records wait for a commit. */
    synchronized boolean waitsForCommit() {
        return processing < max && full();
    }

    /** Records in processing. */
    synchronized int used() {
        return processing;
    }

    /**
     * How many accepted records a consumer lets wait before it commits without waiting for the
     * interval: half its share of the uncommitted room, so that while one commit is on its way the
     * consumers go on delivering instead of filling the room and waiting.
     */
    int commitBatch() {
        return Math.max(1, maxUncommitted / (2 * consumers));
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

    private boolean full() {
        return processing >= max || uncommitted >= maxUncommitted;
    }
}
