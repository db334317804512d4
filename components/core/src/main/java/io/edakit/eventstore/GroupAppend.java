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
 * and read once, the stored event ids and the streams' versions are looked up by one query for the
 * whole group, every decision (duplicate, conflict, versions, positions) is made in memory in the
 * appends' order, and the new events go in as one JDBC batch, followed by one sequencer update and
 * one batch of stream upserts. So a group of N appends costs five statements and the commit
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
        Set<String> taken = new HashSet<>();
        Map<String, Long> stored = new HashMap<>();
        lookUp(connection, requests, taken, stored);
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
            moveStreams(connection, dialect, stored, versions, recorded);
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

    /**
     * What the group's events and streams find stored, in one query per {@value #CHUNK} ids and
     * streams (one round trip on PostgreSQL where two queries took two): the ids among its events
     * that are stored already (into {@code taken}) and the version of each of its streams that
     * exists (into {@code versions}). Runs after the sequencer lock was taken, as a statement of
     * its own: it then reads what the lock's previous holder committed.
     */
    private static void lookUp(Connection connection, List<Request> requests, Set<String> taken,
                               Map<String, Long> versions) throws SQLException {
        Set<String> ids = new LinkedHashSet<>();
        Set<String> streams = new LinkedHashSet<>();
        for (Request request : requests) {
            streams.add(request.streamId());
            request.events().forEach(event -> ids.add(event.id()));
        }
        List<List<String>> idChunks = chunks(ids);
        List<List<String>> streamChunks = chunks(streams);
        for (int i = 0; i < Math.max(idChunks.size(), streamChunks.size()); i++) {
            List<String> someIds = i < idChunks.size() ? idChunks.get(i) : List.of();
            List<String> someStreams = i < streamChunks.size() ? streamChunks.get(i) : List.of();
            List<String> parts = new ArrayList<>(2);
            if (!someIds.isEmpty()) {
                parts.add("SELECT 0, event_id, 0 FROM " + EVENTS + " WHERE event_id IN "
                        + JdbcEventStore.placeholders(someIds.size()));
            }
            if (!someStreams.isEmpty()) {
                parts.add("SELECT 1, stream_id, version FROM " + STREAMS + " WHERE stream_id IN "
                        + JdbcEventStore.placeholders(someStreams.size()));
            }
            List<Object> values = new ArrayList<>(someIds);
            values.addAll(someStreams);
            try (PreparedStatement query = prepare(connection, String.join(" UNION ALL ", parts), values.toArray());
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    if (rows.getInt(1) == 0) {
                        taken.add(rows.getString(2));
                    } else {
                        versions.put(rows.getString(2), rows.getLong(3));
                    }
                }
            }
        }
    }

    /**
     * Writes the streams' new versions as one batch of upserts (new streams and moved ones alike:
     * one round trip on PostgreSQL where a batch of inserts and one of updates took two).
     */
    private static void moveStreams(Connection connection, SqlDialect dialect, Map<String, Long> stored,
                                    Map<String, Long> versions, long recorded) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(EventTables.upsertStream(dialect))) {
            int rows = 0;
            for (Map.Entry<String, Long> stream : versions.entrySet()) {
                Long before = stored.get(stream.getKey());
                if (stream.getValue() > (before == null ? 0 : before)) {
                    upsert.setString(1, stream.getKey());
                    upsert.setLong(2, stream.getValue());
                    upsert.setLong(3, recorded);
                    upsert.setLong(4, recorded);
                    upsert.addBatch();
                    rows++;
                }
            }
            if (rows > 0) {
                upsert.executeBatch();
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
