package io.edakit.eventstore;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live reader of the store's global order: hands every event after a position to a handler, in
 * position order, each once, on a thread of its own. It wakes at once for appends of this process
 * and polls every {@code pollInterval} for those of other processes. Gap-free positions in commit
 * order are what make "after the last position seen" a complete cursor: no later commit can carry
 * a lower position.
 *
 * <p>A handler that throws gets the same batch again after a pause (at-least-once: it may see an
 * event of the failed batch twice, never out of order, never skipped).
 */
public final class Subscription implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Subscription.class);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(500);

    /** Takes a batch of events in position order; returns normally once done with them. */
    @FunctionalInterface
    public interface Handler {
        void handle(List<StoredEvent> events) throws Exception;
    }

    private final JdbcEventStore store;
    private final String name;
    private final int batch;
    private final long pollNanos;
    private final Handler handler;
    private final Thread thread;
    private final AppendSignal signal;
    private volatile long position;
    private volatile boolean running = true;

    /**
     * Starts reading after {@code afterPosition} (0: from the first event).
     *
     * @param name for the thread's name and the log
     */
    public Subscription(JdbcEventStore store, String name, long afterPosition, int batch, Duration pollInterval,
                        Handler handler) {
        this.store = store;
        this.name = name;
        this.batch = batch;
        this.pollNanos = pollInterval.toNanos();
        this.handler = handler;
        this.position = afterPosition;
        this.thread = new Thread(this::loop, "edakit-event-store-" + name);
        this.thread.setDaemon(true);
        this.signal = new AppendSignal(store);
        thread.start();
    }

    /** The position of the last event handled. */
    public long position() {
        return position;
    }

    private void loop() {
        while (running) {
            List<StoredEvent> events;
            try {
                events = store.readAll(position, batch);
            } catch (RuntimeException e) {
                LOG.warn("event store subscription {}: read after position {} failed, retrying: {}", name, position,
                        e.getMessage());
                pause(RETRY_PAUSE.toNanos());
                continue;
            }
            if (events.isEmpty()) {
                pause(pollNanos);
                continue;
            }
            try {
                handler.handle(events);
                position = events.get(events.size() - 1).position();
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                LOG.warn("event store subscription {}: handler failed on the events after position {}, retrying: {}",
                        name, position, e.toString());
                pause(RETRY_PAUSE.toNanos());
            }
        }
    }

    private void pause(long nanos) {
        signal.await(nanos);
    }

    /** Stops reading; a batch being handled is finished or interrupted first (waits up to 10 s). */
    @Override
    public void close() {
        running = false;
        signal.close();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
