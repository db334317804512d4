package io.edakit.eventstore;

import static io.edakit.eventstore.EventTables.CURSORS;
import static io.edakit.eventstore.EventTables.EVENTS;
import static io.edakit.eventstore.EventTables.EVENT_COLUMNS;
import static io.edakit.jdbc.JdbcDatabase.prepare;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.edakit.jdbc.JdbcDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes every stored event, after its commit, in position order, through a publisher (a
 * channel), with a durable cursor: the outbox side of the store.
 *
 * <p>A round, in one transaction: lock the cursor row ({@code FOR UPDATE}), read the events after
 * it, publish them one by one (each call returns once the channel confirmed it), move the cursor
 * past them, commit. A crash before the commit leaves the cursor where it was, so the next
 * publisher republishes the batch: events are published at least once, never lost; a consumer
 * de-duplicates by event id (kept) or by position. The row lock makes one publisher run a cursor
 * at a time across every process sharing the database; another waits on the lock and takes over
 * when the first stops (its connection closes and the lock goes with it).
 *
 * <p>What it costs: a transaction stays open for the publish of a batch ({@code batch} events at
 * most), and a publish failure retries the whole batch after a pause.
 */
public final class Outbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(500);

    /** Publishes one event; returns only once it is safely in the channel. */
    @FunctionalInterface
    public interface Publisher {
        void publish(StoredEvent event) throws Exception;
    }

    private final JdbcEventStore store;
    private final String name;
    private final int batch;
    private final long pollNanos;
    private final Publisher publisher;
    private final AppendSignal signal;
    private final java.util.function.BooleanSupplier ready;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * Starts publishing where cursor {@code name} is (from the first event for a new cursor).
     *
     * @param name the cursor's name: publishers of the same name share it
     */
    public Outbox(JdbcEventStore store, String name, int batch, Duration pollInterval, Publisher publisher) {
        this(store, name, batch, pollInterval, publisher, () -> true);
    }

    /**
     * As above, publishing only while {@code ready} answers true (a Camel context that has started:
     * its channels take messages only then).
     */
    public Outbox(JdbcEventStore store, String name, int batch, Duration pollInterval, Publisher publisher,
                  java.util.function.BooleanSupplier ready) {
        this.ready = ready;
        this.store = store;
        this.name = name;
        this.batch = batch;
        this.pollNanos = pollInterval.toNanos();
        this.publisher = publisher;
        store.read("create outbox cursor '" + name + "'", connection -> JdbcDatabase.insertIfAbsent(connection,
                store.dialect().insertIfAbsent("INSERT INTO " + CURSORS + " (name, position, updated_at) VALUES (?, 0, ?)"),
                name, store.clock().millis()));
        this.signal = new AppendSignal(store);
        this.thread = new Thread(this::loop, "edakit-event-store-outbox-" + name);
        this.thread.setDaemon(true);
        thread.start();
    }

    /** Where cursor {@code name} of {@code store} is: the last position published (0: none). */
    public static long cursor(JdbcEventStore store, String name) {
        return store.read("read outbox cursor '" + name + "'", connection -> {
            try (PreparedStatement query = prepare(connection, "SELECT position FROM " + CURSORS + " WHERE name = ?", name);
                 ResultSet row = query.executeQuery()) {
                return row.next() ? row.getLong(1) : 0L;
            }
        });
    }

    private void loop() {
        while (running) {
            if (!ready.getAsBoolean()) {
                signal.await(pollNanos);
                continue;
            }
            int published;
            try {
                published = round();
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                LOG.warn("event store outbox {}: publishing failed, the batch is retried: {}", name, e.toString());
                signal.await(RETRY_PAUSE.toNanos());
                continue;
            }
            if (published == 0) {
                signal.await(pollNanos);
            }
        }
    }

    /** One batch published and the cursor moved past it, in one transaction; how many were published. */
    private int round() throws Exception {
        try (Connection connection = store.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try {
                long cursor;
                try (PreparedStatement lock = prepare(connection, "SELECT position FROM " + CURSORS
                        + " WHERE name = ? FOR UPDATE", name); ResultSet row = lock.executeQuery()) {
                    if (!row.next()) {
                        throw new SQLException("outbox cursor '" + name + "' is missing from " + CURSORS);
                    }
                    cursor = row.getLong(1);
                }
                List<StoredEvent> events = JdbcEventStore.events(connection, "SELECT " + EVENT_COLUMNS + " FROM "
                        + EVENTS + " WHERE position > ? ORDER BY position LIMIT ?", cursor, batch);
                for (StoredEvent event : events) {
                    if (!running) {
                        connection.rollback();
                        return 0;
                    }
                    publisher.publish(event);
                }
                if (!events.isEmpty()) {
                    JdbcDatabase.update(connection, "UPDATE " + CURSORS + " SET position = ?, updated_at = ? WHERE name = ?",
                            events.get(events.size() - 1).position(), store.clock().millis(), name);
                }
                connection.commit();
                return events.size();
            } catch (Exception e) {
                try {
                    connection.rollback();
                } catch (SQLException ignored) {
                    // broken connection: the transaction went with it
                }
                throw e;
            } finally {
                try {
                    connection.setAutoCommit(true);
                } catch (SQLException ignored) {
                    // the pool validates it before lending it again
                }
            }
        }
    }

    /** Stops after the event being published (its batch is republished by the next publisher). */
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
