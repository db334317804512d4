package io.edakit.eventstore;

import static io.edakit.eventstore.EventTables.EVENTS;
import static io.edakit.eventstore.EventTables.GLOBAL;
import static io.edakit.eventstore.EventTables.SEQUENCE;
import static io.edakit.eventstore.EventTables.STREAMS;
import static io.edakit.jdbc.JdbcDatabase.prepare;
import static io.edakit.jdbc.JdbcDatabase.update;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.edakit.jdbc.SqlDialect;

/**
 * The statements of a group of appends, on one transaction's connection: the sequencer is locked
 * and read once, the stored event ids and the streams' versions are looked up once for the whole
 * group, every decision (duplicate, conflict, versions, positions) is made in memory in the
 * appends' order, and the new events go in as one JDBC batch, followed by one sequencer update and
 * one batch each of new and moved streams. So a group of N appends costs about eight statements
 * instead of eight per append; on PostgreSQL each of those is a network round trip.
 *
 * <p>An append sees the ones before it in the group exactly as if they had committed: a second
 * append to the same stream is checked against the version the first left, and an event id the
 * first stored is a duplicate for the second.
 *
 * <p>May run more than once before its transaction commits (the group committer's retry): it acts
 * only on the connection it is given and decides from what it reads there.
 */
final class GroupAppend {

    /** Parameters per IN list and rows per executed JDBC batch; both databases take far more. */
    private static final int CHUNK = 500;

    /** One append waiting for its group. */
    record Request(String streamId, ExpectedVersion expected, List<NewEvent> events,
                   CompletableFuture<AppendResult> result) {
    }

    private GroupAppend() {
    }

    /** Writes {@code requests} and answers each one's result, in their order. */
    static List<AppendResult> write(Connection connection, SqlDialect dialect, long now, List<Request> requests)
            throws SQLException {
        if (requests.isEmpty()) {
            return List.of();
        }
        long[] sequencer = lockSequencer(connection, dialect);
        long position = sequencer[0];
        long recorded = Math.max(now, sequencer[1]); // never backwards along the positions
        Set<String> taken = storedIds(connection, requests);
        Map<String, Long> stored = versions(connection, requests);
        Map<String, Long> versions = new HashMap<>(stored);
        List<AppendResult> results = new ArrayList<>(requests.size());
        try (PreparedStatement insert = connection.prepareStatement(EventTables.insertEvent(EVENTS))) {
            int rows = 0;
            for (Request request : requests) {
                List<NewEvent> fresh = new ArrayList<>(request.events().size());
                Set<String> own = new HashSet<>();
                for (NewEvent event : request.events()) {
                    if (!taken.contains(event.id()) && own.add(event.id())) {
                        fresh.add(event); // a repeat within the append: the first stays
                    }
                }
                String stream = request.streamId();
                long current = versions.getOrDefault(stream, 0L);
                int duplicates = request.events().size() - fresh.size();
                if (fresh.isEmpty()) {
                    results.add(new AppendResult.Appended(stream, 0, current, 0, 0, 0, duplicates));
                    continue;
                }
                if (!request.expected().accepts(current)) {
                    results.add(new AppendResult.Conflict(stream, request.expected(), current));
                    continue;
                }
                for (int i = 0; i < fresh.size(); i++) {
                    bind(insert, fresh.get(i), position + 1 + i, stream, current + 1 + i, recorded);
                    if (++rows % CHUNK == 0) {
                        insert.executeBatch();
                    }
                }
                int n = fresh.size();
                fresh.forEach(event -> taken.add(event.id()));
                versions.put(stream, current + n);
                results.add(new AppendResult.Appended(stream, current + 1, current + n, position + 1, position + n, n,
                        duplicates));
                position += n;
            }
            if (rows % CHUNK != 0) {
                insert.executeBatch();
            }
        }
        if (position > sequencer[0]) {
            update(connection, "UPDATE " + SEQUENCE + " SET position = ?, recorded_at = ? WHERE name = ?", position,
                    recorded, GLOBAL);
            moveStreams(connection, stored, versions, recorded);
        }
        return results;
    }

    /**
     * Locks the one sequencer row until the transaction ends and reads it: {position, recorded_at}.
     * H2's SELECT ... FOR UPDATE waits for the lock but answers the row as it was when the statement
     * began (a commit it waited for is not seen); an update first takes the lock, and the select
     * after it reads what the previous holder committed.
     */
    private static long[] lockSequencer(Connection connection, SqlDialect dialect) throws SQLException {
        boolean h2 = dialect == SqlDialect.H2;
        if (h2) {
            update(connection, "UPDATE " + SEQUENCE + " SET position = position WHERE name = ?", GLOBAL);
        }
        try (PreparedStatement lock = prepare(connection, "SELECT position, recorded_at FROM " + SEQUENCE
                + " WHERE name = ?" + (h2 ? "" : " FOR UPDATE"), GLOBAL); ResultSet row = lock.executeQuery()) {
            if (!row.next()) {
                throw new SQLException("the event store's sequencer row is missing from " + SEQUENCE);
            }
            return new long[] {row.getLong(1), row.getLong(2)};
        }
    }

    /** The ids among the group's events that are stored already. */
    private static Set<String> storedIds(Connection connection, List<Request> requests) throws SQLException {
        Set<String> ids = new LinkedHashSet<>();
        requests.forEach(request -> request.events().forEach(event -> ids.add(event.id())));
        Set<String> stored = new HashSet<>();
        for (List<String> chunk : chunks(ids)) {
            try (PreparedStatement query = prepare(connection, "SELECT event_id FROM " + EVENTS + " WHERE event_id IN "
                    + JdbcEventStore.placeholders(chunk.size()), chunk.toArray()); ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    stored.add(rows.getString(1));
                }
            }
        }
        return stored;
    }

    /** The stored version of each of the group's streams that exists. */
    private static Map<String, Long> versions(Connection connection, List<Request> requests) throws SQLException {
        Set<String> streams = new LinkedHashSet<>();
        requests.forEach(request -> streams.add(request.streamId()));
        Map<String, Long> versions = new HashMap<>();
        for (List<String> chunk : chunks(streams)) {
            try (PreparedStatement query = prepare(connection, "SELECT stream_id, version FROM " + STREAMS
                    + " WHERE stream_id IN " + JdbcEventStore.placeholders(chunk.size()), chunk.toArray());
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    versions.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return versions;
    }

    /** Writes the streams' new versions: one batch of inserts for new streams, one of updates for the others. */
    private static void moveStreams(Connection connection, Map<String, Long> stored, Map<String, Long> versions,
                                    long recorded) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + STREAMS
                + " (stream_id, version, created_at, updated_at) VALUES (?, ?, ?, ?)");
             PreparedStatement move = connection.prepareStatement("UPDATE " + STREAMS
                     + " SET version = ?, updated_at = ? WHERE stream_id = ?")) {
            int inserts = 0;
            int moves = 0;
            for (Map.Entry<String, Long> stream : versions.entrySet()) {
                Long before = stored.get(stream.getKey());
                if (before == null && stream.getValue() > 0) {
                    insert.setString(1, stream.getKey());
                    insert.setLong(2, stream.getValue());
                    insert.setLong(3, recorded);
                    insert.setLong(4, recorded);
                    insert.addBatch();
                    inserts++;
                } else if (before != null && before < stream.getValue()) {
                    move.setLong(1, stream.getValue());
                    move.setLong(2, recorded);
                    move.setString(3, stream.getKey());
                    move.addBatch();
                    moves++;
                }
            }
            if (inserts > 0) {
                insert.executeBatch();
            }
            if (moves > 0) {
                move.executeBatch();
            }
        }
    }

    private static void bind(PreparedStatement insert, NewEvent event, long position, String stream, long version,
                             long recorded) throws SQLException {
        insert.setLong(1, position);
        insert.setString(2, stream);
        insert.setLong(3, version);
        insert.setString(4, event.id());
        insert.setString(5, event.type());
        insert.setInt(6, event.revision());
        insert.setLong(7, recorded);
        insert.setLong(8, event.eventTime() == null ? recorded : event.eventTime().toEpochMilli());
        insert.setBytes(9, event.data());
        insert.setString(10, json(event.metadata()));
        insert.addBatch();
    }

    private static List<List<String>> chunks(Set<String> values) {
        List<String> all = new ArrayList<>(values);
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += CHUNK) {
            chunks.add(all.subList(from, Math.min(all.size(), from + CHUNK)));
        }
        return chunks;
    }

    private static String json(Map<String, String> metadata) {
        try {
            return JdbcEventStore.JSON.writeValueAsString(new LinkedHashMap<>(metadata));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
