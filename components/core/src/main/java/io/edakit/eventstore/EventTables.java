package io.edakit.eventstore;

import java.util.List;

import io.edakit.jdbc.SqlDialect;

/**
 * The event store's tables. Times are epoch milliseconds (no time-zone conversions between JVMs and
 * databases).
 *
 * <ul>
 *   <li>{@value #EVENTS}: one row per event, keyed by its global position; (stream, version) and the
 *       event id are unique, so neither a version nor an id can be stored twice even by a writer
 *       that bypassed the sequencer.</li>
 *   <li>{@value #SEQUENCE}: one row, the last position and recorded time given out. Every append
 *       locks it first, so appends commit one batch after another in position order (see
 *       {@link JdbcEventStore}).</li>
 *   <li>{@value #STREAMS}: each stream's version, the expected-version check's answer.</li>
 *   <li>{@value #SNAPSHOTS}: folded states every N events, keyed by the fold that made them.</li>
 *   <li>{@value #CURSORS}: how far each named reader (the outbox publisher) got, durably.</li>
 * </ul>
 */
final class EventTables {

    static final String EVENTS = "edakit_es_events";
    static final String SEQUENCE = "edakit_es_sequence";
    static final String STREAMS = "edakit_es_streams";
    static final String SNAPSHOTS = "edakit_es_snapshots";
    static final String CURSORS = "edakit_es_cursors";
    static final String GLOBAL = "global";

    static final String EVENT_COLUMNS = "position, stream_id, version, event_id, event_type, revision, recorded_at, "
            + "event_time, data, metadata";

    private EventTables() {
    }

    /** The events table named {@code table}: {@value #EVENTS}, or a benchmark's copy of its shape. */
    static String eventsTable(SqlDialect dialect, String table) {
        return "CREATE TABLE IF NOT EXISTS " + table + " (position BIGINT NOT NULL PRIMARY KEY, "
                + "stream_id VARCHAR(500) NOT NULL, version BIGINT NOT NULL, event_id VARCHAR(300) NOT NULL, "
                + "event_type VARCHAR(300) NOT NULL, revision INT NOT NULL, recorded_at BIGINT NOT NULL, "
                + "event_time BIGINT NOT NULL, data " + dialect.binaryType() + " NOT NULL, metadata VARCHAR NOT NULL, "
                + "CONSTRAINT " + table + "_stream_version UNIQUE (stream_id, version), "
                + "CONSTRAINT " + table + "_event_id UNIQUE (event_id))";
    }

    /** An insert of one row into {@code table}, its parameters in {@link #EVENT_COLUMNS} order. */
    static String insertEvent(String table) {
        return "INSERT INTO " + table + " (" + EVENT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }

    /**
     * Sets a stream's version, creating its row if missing, as one statement for new and existing
     * streams alike; parameters: stream id, version, created at (kept for an existing stream),
     * updated at. PostgreSQL 14 has no MERGE, H2 no ON CONFLICT.
     */
    static String upsertStream(SqlDialect dialect) {
        if (dialect == SqlDialect.POSTGRESQL) {
            return "INSERT INTO " + STREAMS + " (stream_id, version, created_at, updated_at) VALUES (?, ?, ?, ?) "
                    + "ON CONFLICT (stream_id) DO UPDATE SET version = EXCLUDED.version, updated_at = EXCLUDED.updated_at";
        }
        return "MERGE INTO " + STREAMS + " s USING (VALUES (CAST(? AS VARCHAR(500)), CAST(? AS BIGINT), "
                + "CAST(? AS BIGINT), CAST(? AS BIGINT))) n (stream_id, version, created_at, updated_at) "
                + "ON s.stream_id = n.stream_id WHEN MATCHED THEN UPDATE SET version = n.version, updated_at = n.updated_at "
                + "WHEN NOT MATCHED THEN INSERT (stream_id, version, created_at, updated_at) "
                + "VALUES (n.stream_id, n.version, n.created_at, n.updated_at)";
    }

    static List<String> ddl(SqlDialect dialect) {
        String binary = dialect.binaryType();
        return List.of(
                eventsTable(dialect, EVENTS),
                // states at a recorded time now end their reads at the next snapshot (StateReader), so
                // this index of earlier versions only cost every append an index entry
                "DROP INDEX IF EXISTS " + EVENTS + "_stream_recorded",
                "CREATE TABLE IF NOT EXISTS " + SEQUENCE + " (name VARCHAR(100) NOT NULL PRIMARY KEY, "
                        + "position BIGINT NOT NULL, recorded_at BIGINT NOT NULL)",
                dialect.insertIfAbsent("INSERT INTO " + SEQUENCE + " (name, position, recorded_at) VALUES ('"
                        + GLOBAL + "', 0, 0)"),
                "CREATE TABLE IF NOT EXISTS " + STREAMS + " (stream_id VARCHAR(500) NOT NULL PRIMARY KEY, "
                        + "version BIGINT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)",
                "CREATE TABLE IF NOT EXISTS " + SNAPSHOTS + " (stream_id VARCHAR(500) NOT NULL, fold_key VARCHAR(100) NOT NULL, "
                        + "version BIGINT NOT NULL, state " + binary + " NOT NULL, max_recorded_at BIGINT NOT NULL, "
                        + "max_event_time BIGINT NOT NULL, taken_at BIGINT NOT NULL, PRIMARY KEY (stream_id, fold_key, version))",
                // the latest snapshot at or before a version, a recorded time or an event time is the
                // first entry of one of these (descending: H2 reads an index forwards only)
                "CREATE INDEX IF NOT EXISTS " + SNAPSHOTS + "_by_version ON " + SNAPSHOTS
                        + " (stream_id, fold_key, version DESC)",
                "CREATE INDEX IF NOT EXISTS " + SNAPSHOTS + "_by_recorded ON " + SNAPSHOTS
                        + " (stream_id, fold_key, max_recorded_at DESC, version DESC)",
                "CREATE INDEX IF NOT EXISTS " + SNAPSHOTS + "_by_event_time ON " + SNAPSHOTS
                        + " (stream_id, fold_key, max_event_time DESC, version DESC)",
                "CREATE TABLE IF NOT EXISTS " + CURSORS + " (name VARCHAR(200) NOT NULL PRIMARY KEY, "
                        + "position BIGINT NOT NULL, updated_at BIGINT NOT NULL)");
    }
}
