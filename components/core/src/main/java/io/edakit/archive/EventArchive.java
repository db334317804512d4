package io.edakit.archive;

import static io.edakit.archive.ArchiveTables.COLUMNS;
import static io.edakit.archive.ArchiveTables.EVENTS;
import static io.edakit.archive.ArchiveTables.GLOBAL;
import static io.edakit.archive.ArchiveTables.SEQUENCE;
import static io.edakit.jdbc.JdbcDatabase.prepare;
import static io.edakit.jdbc.JdbcDatabase.update;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edakit.jdbc.GroupCommitter;
import io.edakit.jdbc.JdbcDatabase;
import io.edakit.jdbc.JdbcSettings;
import io.edakit.jdbc.SqlDialect;

/**
 * Archives of events in an H2 or PostgreSQL database ({@link ArchiveTables}), written through a
 * {@link GroupCommitter} and read in archive order.
 *
 * <p><b>Writes.</b> {@link #archiveAsync} answers once the event's transaction committed, so a
 * caller that acknowledges its source only then has every acknowledged event archived, and
 * replayable at once: there is no delay before an event can be replayed. Concurrent writes share
 * a transaction. An event id already in the archive is not archived again (a redelivery after a
 * crash between commit and acknowledgement answers 0).
 *
 * <p><b>Order.</b> Every write first locks the one sequencer row and takes its sequence from it;
 * the lock is held until the batch commits, so sequences become visible in their order across
 * every process sharing the database, and archive times (from the same row) never go back along
 * them. What it costs: writes are serial, one batch at a time, so the archive uses one committer.
 */
public final class EventArchive implements AutoCloseable {

    /** The latest time a window can end at (epoch milliseconds' end): "until now and on". */
    public static final Instant END_OF_TIME = Instant.ofEpochMilli(Long.MAX_VALUE);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> HEADERS = new TypeReference<>() { };
    /** Rows deleted per purge statement: a purge never holds a long transaction on the hot tables. */
    private static final int PURGE_CHUNK = 1_000;

    private final JdbcDatabase database;
    private final GroupCommitter committer;
    private final Clock clock;

    private EventArchive(JdbcDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
        this.committer = new GroupCommitter("event archive", database.dataSource(), 1);
    }

    /** Opens the archive database {@code settings} names, creating its tables if missing. */
    public static EventArchive open(JdbcSettings settings, int maxConnections) {
        return open(settings.url(), settings.user(), settings.password(), maxConnections, Clock.systemUTC());
    }

    public static EventArchive open(String jdbcUrl, String user, String password, int maxConnections, Clock clock) {
        return new EventArchive(JdbcDatabase.open("the event archive", jdbcUrl, user, password, maxConnections,
                ArchiveTables::ddl), clock);
    }

    /**
     * Archives one event in {@code archive}; the future answers its sequence once committed, or 0 when
     * the archive holds its id already. Fails with the SQLException of a failed batch.
     */
    public CompletableFuture<Long> archiveAsync(String archive, String eventId, String type, Map<String, String> headers,
                                                byte[] body) {
        if (eventId == null || eventId.isBlank()) {
            throw new IllegalArgumentException("an archived event needs an id (ce_id)");
        }
        String headerJson = json(headers);
        String eventType = type == null ? "" : type;
        byte[] bytes = body == null ? new byte[0] : body;
        return committer.submit(connection -> write(connection, archive, eventId, eventType, headerJson, bytes));
    }

    /** As {@link #archiveAsync}, returning once committed. */
    public long archive(String archive, String eventId, String type, Map<String, String> headers, byte[] body) {
        try {
            return GroupCommitter.await(archiveAsync(archive, eventId, type, headers, body));
        } catch (SQLException e) {
            throw new ArchiveException("event archive " + archive + ": could not archive event " + eventId + ": "
                    + e.getMessage(), e);
        }
    }

    private long write(Connection connection, String archive, String eventId, String type, String headers, byte[] body)
            throws SQLException {
        if (database.dialect() == SqlDialect.H2) {
            // as in the event store: H2's SELECT ... FOR UPDATE answers the row as it was before the
            // lock was granted; an update takes the lock first and the select then reads the last commit
            update(connection, "UPDATE " + SEQUENCE + " SET sequence = sequence WHERE name = ?", GLOBAL);
        }
        long last;
        long lastArchived;
        try (PreparedStatement lock = prepare(connection, "SELECT sequence, archived_at FROM " + SEQUENCE
                + " WHERE name = ?" + (database.dialect() == SqlDialect.H2 ? "" : " FOR UPDATE"), GLOBAL);
             ResultSet row = lock.executeQuery()) {
            if (!row.next()) {
                throw new SQLException("the archive's sequencer row is missing from " + SEQUENCE);
            }
            last = row.getLong(1);
            lastArchived = row.getLong(2);
        }
        try (PreparedStatement query = prepare(connection, "SELECT 1 FROM " + EVENTS
                + " WHERE archive = ? AND event_id = ?", archive, eventId); ResultSet row = query.executeQuery()) {
            if (row.next()) {
                return 0L;
            }
        }
        long sequence = last + 1;
        long archived = Math.max(clock.millis(), lastArchived);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + EVENTS + " (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, sequence);
            insert.setString(2, archive);
            insert.setString(3, eventId);
            insert.setString(4, type);
            insert.setLong(5, archived);
            insert.setString(6, headers);
            insert.setBytes(7, body);
            insert.executeUpdate();
        }
        update(connection, "UPDATE " + SEQUENCE + " SET sequence = ?, archived_at = ? WHERE name = ?", sequence, archived,
                GLOBAL);
        return sequence;
    }

    /**
     * Events of {@code archive} archived in {@code [from, to)} after sequence {@code afterSequence},
     * {@code max} at most, in archive order.
     *
     * <p>It walks the archive-order index from {@code afterSequence} and stops after {@code max}
     * rows of the window, so a read costs its batch wherever the cursor is. The time bounds are
     * written {@code archived_at + 0} so that no database picks the time index for them: that one
     * yields every event of the window from {@code from} on, to be sorted for the first {@code max},
     * a read growing with the archive (H2: 40-270 ms per read of 100 events of a 20,000-event archive).
     */
    public List<ArchivedEvent> read(String archive, Instant from, Instant to, long afterSequence, int max) {
        return read("read archive " + archive, connection -> {
            List<ArchivedEvent> events = new ArrayList<>();
            try (PreparedStatement query = prepare(connection, "SELECT " + COLUMNS + " FROM " + EVENTS
                    + " WHERE archive = ? AND sequence > ? AND archived_at + 0 >= ? AND archived_at + 0 < ? "
                    + "ORDER BY archive, sequence LIMIT ?", archive, afterSequence, from.toEpochMilli(), to.toEpochMilli(), max);
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    events.add(new ArchivedEvent(rows.getLong(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), Instant.ofEpochMilli(rows.getLong(5)), headers(rows.getString(6)),
                            rows.getBytes(7)));
                }
            }
            return events;
        });
    }

    /** How many events of {@code archive} were archived in {@code [from, to)}. */
    public long count(String archive, Instant from, Instant to) {
        return read("count archive " + archive, connection -> {
            try (PreparedStatement query = prepare(connection, "SELECT COUNT(*) FROM " + EVENTS
                    + " WHERE archive = ? AND archived_at >= ? AND archived_at < ?", archive, from.toEpochMilli(),
                    to.toEpochMilli()); ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    /** Every archive of the database, by name. */
    public List<ArchiveInfo> archives() {
        return read("list the archives", connection -> {
            List<ArchiveInfo> archives = new ArrayList<>();
            try (PreparedStatement query = prepare(connection, "SELECT archive, COUNT(*), MIN(archived_at), "
                    + "MAX(archived_at) FROM " + EVENTS + " GROUP BY archive ORDER BY archive");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    archives.add(new ArchiveInfo(rows.getString(1), rows.getLong(2),
                            Instant.ofEpochMilli(rows.getLong(3)), Instant.ofEpochMilli(rows.getLong(4))));
                }
            }
            return archives;
        });
    }

    /**
     * Deletes the events of {@code archive} archived before {@code before}, a chunk per statement
     * (auto-committed), so that archive writes wait for a chunk at most; answers how many.
     */
    public long purge(String archive, Instant before) {
        return read("purge archive " + archive, connection -> {
            long deleted = 0;
            int chunk;
            do {
                chunk = update(connection, "DELETE FROM " + EVENTS + " WHERE sequence IN (SELECT sequence FROM " + EVENTS
                        + " WHERE archive = ? AND archived_at < ? ORDER BY sequence LIMIT ?)", archive,
                        before.toEpochMilli(), PURGE_CHUNK);
                deleted += chunk;
            } while (chunk == PURGE_CHUNK);
            return deleted;
        });
    }

    public Clock clock() {
        return clock;
    }

    /** Transactions and writes committed so far (benchmarks: the mean batch). */
    public GroupCommitter.Counts counts() {
        return committer.counts();
    }

    @FunctionalInterface
    private interface Read<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T read(String what, Read<T> read) {
        try (Connection connection = database.dataSource().getConnection()) {
            return read.run(connection);
        } catch (SQLException e) {
            throw new ArchiveException("event archive: could not " + what + ": " + e.getMessage(), e);
        }
    }

    private static String json(Map<String, String> headers) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(headers));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> headers(String json) {
        try {
            return JSON.readValue(json, HEADERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("archived headers are not JSON: " + e.getMessage(), e);
        }
    }

    /** Commits what is queued and closes the pool. */
    @Override
    public void close() {
        committer.close();
        database.close();
    }
}
