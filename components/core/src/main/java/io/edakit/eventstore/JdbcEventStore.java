package io.edakit.eventstore;

import static io.edakit.eventstore.EventTables.EVENTS;
import static io.edakit.eventstore.EventTables.EVENT_COLUMNS;
import static io.edakit.eventstore.EventTables.GLOBAL;
import static io.edakit.eventstore.EventTables.SEQUENCE;
import static io.edakit.eventstore.EventTables.STREAMS;
import static io.edakit.jdbc.JdbcDatabase.prepare;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edakit.jdbc.GroupCommitter;
import io.edakit.jdbc.JdbcDatabase;
import io.edakit.jdbc.JdbcSettings;
import io.edakit.jdbc.SqlDialect;

/**
 * An append-only event store in an H2 or PostgreSQL database ({@link EventTables}).
 *
 * <p><b>Appends.</b> Each append names a stream, an {@link ExpectedVersion} and one or more events,
 * and is atomic: all its events are stored, with consecutive versions, or none. Appends go through
 * the stores' shared {@link GroupCommitter}: the appends that arrive while a commit runs form one
 * group ({@link AppendQueue}), written by one set of statements in one transaction
 * ({@link GroupAppend}), and each call returns once its group committed. An append whose stream is not at the expected
 * version answers {@link AppendResult.Conflict} with the current version and writes nothing; it
 * does not throw, so it costs its batch neither a rollback nor savepoints, and the other appends
 * of the batch commit. Events whose id is stored already are skipped (a redelivered append is
 * answered as it was, with nothing new); when every event of an append is such a duplicate the
 * expected version is not checked.
 *
 * <p><b>Global positions, gap-free and in commit order.</b> Every group first locks the one
 * sequencer row ({@code SELECT ... FOR UPDATE}) and takes its positions from it; the lock is held
 * until the group commits. So a batch that takes positions after another's waits for that one's
 * commit (in this process or another one sharing the database), positions become visible in
 * their order, and a reader that has seen position p never finds a later commit with a lower
 * position: no gap is ever filled in afterwards (what Marten and Axon need thresholds and
 * gap-aware tokens for). A rolled-back append gives its positions back with the rollback, so
 * there are no holes either. What it costs: appends to the database are serial, one batch at a
 * time across every writer; batching is what makes that fast, so the store uses one committer.
 * Recorded times come from the same row and never go backwards along the positions (a clock that
 * steps back is held at the last recorded time).
 *
 * <p>Reads use the pool directly and see committed events only.
 */
public final class JdbcEventStore implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> METADATA = new TypeReference<>() { };

    private final JdbcDatabase database;
    /** Column sizes of {@link EventTables}. */
    static final int MAX_STREAM_ID = 500;
    static final int MAX_EVENT_ID = 300;
    static final int MAX_EVENT_TYPE = 300;

    private final GroupCommitter committer;
    private final AppendQueue appends;
    private final Clock clock;
    private final List<Consumer<AppendResult.Appended>> listeners = new CopyOnWriteArrayList<>();

    private JdbcEventStore(JdbcDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
        // one committer: the sequencer lock would make a second one wait for the first anyway
        this.committer = new GroupCommitter("event store", database.dataSource(), 1);
        this.appends = new AppendQueue(committer, database.dialect(), clock);
    }

    /** Opens the store {@code settings} names, creating its tables if missing. */
    public static JdbcEventStore open(JdbcSettings settings, int maxConnections) {
        return open(settings.url(), settings.user(), settings.password(), maxConnections, Clock.systemUTC());
    }

    public static JdbcEventStore open(String jdbcUrl, String user, String password, int maxConnections, Clock clock) {
        return new JdbcEventStore(JdbcDatabase.open("the event store", jdbcUrl, user, password, maxConnections,
                EventTables::ddl), clock);
    }

    /** Appends {@code events} to {@code streamId}; returns once committed (or refused). */
    public AppendResult append(String streamId, ExpectedVersion expected, List<NewEvent> events) {
        try {
            return GroupCommitter.await(appendAsync(streamId, expected, events));
        } catch (SQLException e) {
            throw new EventStoreException("event store: append to stream '" + streamId + "' failed: " + e.getMessage(), e);
        }
    }

    /** As {@link #append}, answering when committed; fails with the SQLException of a failed batch. */
    public CompletableFuture<AppendResult> appendAsync(String streamId, ExpectedVersion expected, List<NewEvent> events) {
        if (streamId == null || streamId.isBlank()) {
            throw new IllegalArgumentException("an append needs a stream id");
        }
        if (events.isEmpty()) {
            throw new IllegalArgumentException("an append to stream '" + streamId + "' needs at least one event");
        }
        checkLength("stream id", streamId, MAX_STREAM_ID);
        for (NewEvent event : events) {
            checkLength("event id", event.id(), MAX_EVENT_ID);
            checkLength("event type", event.type(), MAX_EVENT_TYPE);
        }
        CompletableFuture<AppendResult> committed = new CompletableFuture<>();
        appends.submit(new GroupAppend.Request(streamId, expected, List.copyOf(events), committed));
        return committed.thenApply(result -> {
            if (result instanceof AppendResult.Appended appended && appended.appended() > 0) {
                listeners.forEach(listener -> listener.accept(appended));
            }
            return result;
        });
    }

    /** Refused before it is queued: it would fail its whole group at the database. */
    private static void checkLength(String what, String value, int max) {
        if (value.length() > max) {
            throw new IllegalArgumentException("an event store " + what + " has " + max + " characters at most, got "
                    + value.length() + ": '" + value.substring(0, 40) + "...'");
        }
    }

    /**
     * Called with every append of this process once committed, on the committer's thread: it must
     * be quick (wake a thread, queue work).
     */
    public void onAppended(Consumer<AppendResult.Appended> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<AppendResult.Appended> listener) {
        listeners.remove(listener);
    }

    private static long version(Connection connection, String streamId) throws SQLException {
        try (PreparedStatement query = prepare(connection, "SELECT version FROM " + STREAMS + " WHERE stream_id = ?",
                streamId); ResultSet row = query.executeQuery()) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    /** The stream's version (0: no such stream). */
    public long version(String streamId) {
        return read("read the version of stream '" + streamId + "'", connection -> version(connection, streamId));
    }

    static final String STREAM_PAGE = "SELECT " + EVENT_COLUMNS + " FROM " + EVENTS
            + " WHERE stream_id = ? AND version >= ? ORDER BY stream_id, version LIMIT ?";

    /**
     * Events of {@code streamId} from version {@code fromVersion} on, {@code max} at most, in version
     * order. Ordered by the (stream, version) index's full column list: H2 then reads the index in
     * order and stops after {@code max}; by version alone it read and sorted the rest of the stream
     * for every page (0.2-1.2 s a page on a 200,000-event stream).
     */
    public List<StoredEvent> readStream(String streamId, long fromVersion, int max) {
        return read("read stream '" + streamId + "'", connection -> events(connection, STREAM_PAGE, streamId,
                fromVersion, max));
    }

    /** Events after global position {@code afterPosition}, {@code max} at most, in position order. */
    public List<StoredEvent> readAll(long afterPosition, int max) {
        return read("read from position " + afterPosition, connection -> events(connection, "SELECT " + EVENT_COLUMNS
                + " FROM " + EVENTS + " WHERE position > ? ORDER BY position LIMIT ?", afterPosition, max));
    }

    /** The last position committed (0: the store is empty). */
    public long headPosition() {
        return read("read the head position", connection -> {
            try (PreparedStatement query = prepare(connection, "SELECT position FROM " + SEQUENCE + " WHERE name = ?",
                    GLOBAL); ResultSet row = query.executeQuery()) {
                return row.next() ? row.getLong(1) : 0L;
            }
        });
    }

    /**
     * The last position recorded at or before {@code time} (0: none was). Recorded times never go
     * backwards along the positions, so this is a binary search of point reads by position: some
     * 20 lookups for a million events, where a scan by time would need an index of its own.
     */
    public long lastPositionRecordedBy(Instant time) {
        long millis = time.toEpochMilli();
        return read("find the last position recorded by " + time, connection -> {
            long low = 0; // recorded by time (position 0 stands for "before the first event")
            long high;
            try (PreparedStatement query = prepare(connection, "SELECT position FROM " + SEQUENCE + " WHERE name = ?",
                    GLOBAL); ResultSet row = query.executeQuery()) {
                high = row.next() ? row.getLong(1) : 0L;
            }
            if (high > 0 && recordedAt(connection, high) <= millis) {
                return high;
            }
            while (high - low > 1) { // low is recorded by time, high is not
                long middle = low + (high - low) / 2;
                if (recordedAt(connection, middle) <= millis) {
                    low = middle;
                } else {
                    high = middle;
                }
            }
            return low;
        });
    }

    private static long recordedAt(Connection connection, long position) throws SQLException {
        try (PreparedStatement query = prepare(connection, "SELECT recorded_at FROM " + EVENTS + " WHERE position = ?",
                position); ResultSet row = query.executeQuery()) {
            if (!row.next()) {
                throw new SQLException("position " + position + " is missing from " + EVENTS);
            }
            return row.getLong(1);
        }
    }

    /** Streams whose id comes after {@code afterId} (empty: from the first), by id, {@code limit} at most. */
    public List<StreamInfo> streams(String afterId, int limit) {
        return read("list streams", connection -> {
            List<StreamInfo> streams = new ArrayList<>();
            try (PreparedStatement query = prepare(connection, "SELECT stream_id, version, created_at, updated_at FROM "
                    + STREAMS + " WHERE stream_id > ? ORDER BY stream_id LIMIT ?", afterId, limit);
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    streams.add(new StreamInfo(rows.getString(1), rows.getLong(2), Instant.ofEpochMilli(rows.getLong(3)),
                            Instant.ofEpochMilli(rows.getLong(4))));
                }
            }
            return streams;
        });
    }

    /** One stream's head, if it exists. */
    public Optional<StreamInfo> stream(String streamId) {
        return read("read stream '" + streamId + "'", connection -> {
            try (PreparedStatement query = prepare(connection, "SELECT stream_id, version, created_at, updated_at FROM "
                    + STREAMS + " WHERE stream_id = ?", streamId); ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(new StreamInfo(row.getString(1), row.getLong(2),
                        Instant.ofEpochMilli(row.getLong(3)), Instant.ofEpochMilli(row.getLong(4)))) : Optional.empty();
            }
        });
    }

    /** Rows of {@link EventTables#EVENT_COLUMNS} as events. */
    static List<StoredEvent> events(Connection connection, String sql, Object... values) throws SQLException {
        List<StoredEvent> events = new ArrayList<>();
        try (PreparedStatement query = prepare(connection, sql, values); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                events.add(new StoredEvent(rows.getLong(1), rows.getString(2), rows.getLong(3), rows.getString(4),
                        rows.getString(5), rows.getInt(6), rows.getBytes(9), metadata(rows.getString(10)),
                        Instant.ofEpochMilli(rows.getLong(7)), Instant.ofEpochMilli(rows.getLong(8))));
            }
        }
        return events;
    }

    /** A read on a pooled connection of its own. */
    @FunctionalInterface
    interface Read<T> {
        T run(Connection connection) throws SQLException;
    }

    <T> T read(String what, Read<T> read) {
        try (Connection connection = database.dataSource().getConnection()) {
            return read.run(connection);
        } catch (SQLException e) {
            throw new EventStoreException("event store: could not " + what + ": " + e.getMessage(), e);
        }
    }

    DataSource dataSource() {
        return database.dataSource();
    }

    SqlDialect dialect() {
        return database.dialect();
    }

    Clock clock() {
        return clock;
    }

    /** Groups committed and the appends they held (benchmarks: appends per commit). */
    public GroupCommitter.Counts counts() {
        return appends.counts();
    }

    /**
     * The DDL of a table shaped as the store's events table (columns, key and unique constraints),
     * named {@code table}: for benchmarks that measure what the database does with the same rows
     * without the store.
     */
    public static String eventsTableDdl(SqlDialect dialect, String table) {
        return EventTables.eventsTable(dialect, table);
    }

    /**
     * An insert of one row into such a table; parameters: position, stream id, version, event id,
     * type, revision, recorded at, event time, data, metadata JSON.
     */
    public static String eventInsert(String table) {
        return EventTables.insertEvent(table);
    }

    static String placeholders(int n) {
        return "(" + String.join(", ", java.util.Collections.nCopies(n, "?")) + ")";
    }

    private static Map<String, String> metadata(String json) {
        try {
            return JSON.readValue(json, METADATA);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored metadata is not JSON: " + e.getMessage(), e);
        }
    }

    /** Commits what is queued and closes the pool. */
    @Override
    public void close() {
        committer.close();
        database.close();
    }
}
