package io.edakit.eventstore;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Wakes a reader thread when this process appends to the store, so that live readers do not wait
 * for their next poll; appends of other processes are found by polling (the outbox, subscriptions,
 * projections).
 */
public final class AppendSignal implements AutoCloseable {

    private final JdbcEventStore store;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private final Consumer<AppendResult.Appended> listener = result -> wake();
    private boolean signalled; // guarded by lock
    private boolean closed; // guarded by lock

    public AppendSignal(JdbcEventStore store) {
        this.store = store;
        store.onAppended(listener);
    }

    /** Waits up to {@code nanos} for an append since the last wait (returns at once if there was one). */
    public void await(long nanos) {
        lock.lock();
        try {
            long left = nanos;
            while (!signalled && !closed && left > 0) {
                left = appended.awaitNanos(left);
            }
            signalled = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    public void wake() {
        lock.lock();
        try {
            signalled = true;
            appended.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        store.removeListener(listener);
        lock.lock();
        try {
            closed = true;
            appended.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
