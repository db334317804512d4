package io.edakit.bench;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.edakit.eventstore.JdbcEventStore;
import io.edakit.jdbc.SqlDialect;

/**
 * The event store bench's rows for the raw JDBC baseline, as the issue defines its ceiling and floor
 * ("a batch insert of the same rows"): a table shaped as the store's events table (its key and both
 * unique constraints, stream and version, event id) and each thread's events on
 * {@value EventStoreScenario#STREAMS_PER_WRITER} streams of its own with consecutive versions, a
 * random event id and the bench's payload, positions taken from one counter. Without the store:
 * no sequencer, no version or duplicate lookups, no stream rows.
 */
final class EventRows implements JdbcBaseline.Rows {

    private final byte[] data;
    private final AtomicLong positions = new AtomicLong();

    EventRows(byte[] data) {
        this.data = data.clone();
    }

    @Override
    public String ddl(SqlDialect dialect, String table) {
        return JdbcEventStore.eventsTableDdl(dialect, table);
    }

    @Override
    public String insert(String table) {
        return JdbcEventStore.eventInsert(table);
    }

    @Override
    public JdbcBaseline.Binder binder(String prefix, int thread) {
        long[] versions = new long[EventStoreScenario.STREAMS_PER_WRITER];
        int[] written = {0};
        return (insert, row) -> {
            int stream = written[0]++ % versions.length;
            long now = System.currentTimeMillis();
            insert.setLong(1, positions.incrementAndGet());
            insert.setString(2, prefix + thread + "-" + stream);
            insert.setLong(3, ++versions[stream]);
            insert.setString(4, UUID.randomUUID().toString());
            insert.setString(5, EventStoreScenario.EVENT_TYPE);
            insert.setInt(6, 1);
            insert.setLong(7, now);
            insert.setLong(8, now);
            insert.setBytes(9, data);
            insert.setString(10, "{}");
        };
    }
}
