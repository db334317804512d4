package io.edakit.eventstore;

import static io.edakit.eventstore.EventTables.EVENTS;
import static io.edakit.eventstore.EventTables.EVENT_COLUMNS;
import static io.edakit.eventstore.EventTables.SNAPSHOTS;
import static io.edakit.jdbc.JdbcDatabase.prepare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.edakit.jdbc.JdbcDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds a stream's state at any version or time with one fold and its upcasters, from the
 * latest usable snapshot plus the events after it.
 *
 * <p><b>Snapshots.</b> With {@code snapshotEvery = N > 0}, when an append of this process takes a
 * stream past a multiple of N, the state at that version is folded and written on a thread of its
 * own: an append never waits for a snapshot, and a snapshot that fails is only logged (the state is
 * then folded from an older one). A read that folded N or more events (streams written by another
 * process) queues one too. Snapshots are keyed by a hash of the fold's and the upcasters'
 * identities, so a changed fold or upcaster finds none of the old ones and folds from the start
 * until its own are written.
 *
 * <p><b>Why a snapshot can serve "at T".</b> Each snapshot keeps the largest recorded and event
 * time among the events it includes. The state at T folds, in version order, the events whose time
 * is at or before T. A snapshot at version v whose largest time is at or before T includes exactly
 * the events up to v that qualify (all of them), so the state at T is that snapshot plus the
 * qualifying events after v. Recorded times grow along a stream, so for them the events read end at
 * the next snapshot (and at the first event after T): at most N events whatever the stream's
 * length; event times may come in any order, so those reads filter every event after the snapshot.
 */
public final class StateReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StateReader.class);
    /** Events read per query while folding. */
    static final int PAGE = 1_000;

    // Each query is ordered by its index's full column list: H2 then reads the index in order and
    // stops at the limit (its plan says "index sorted"); ordered by fewer columns it read every
    // matching entry and sorted them (a state at T read the stream up to T: 0.2-0.4 s on 200,000 events)
    private static final String SNAPSHOT_COLUMNS = "SELECT version, state, taken_at, max_recorded_at, max_event_time FROM "
            + SNAPSHOTS + " WHERE stream_id = ? AND fold_key = ? AND version <= ?";
    static final String SNAPSHOT_BY_VERSION = SNAPSHOT_COLUMNS + " ORDER BY stream_id, fold_key, version DESC LIMIT 1";
    static final String SNAPSHOT_BY_RECORDED = SNAPSHOT_COLUMNS + " AND max_recorded_at <= ?"
            + " ORDER BY stream_id, fold_key, max_recorded_at DESC, version DESC LIMIT 1";
    static final String SNAPSHOT_BY_EVENT_TIME = SNAPSHOT_COLUMNS + " AND max_event_time <= ?"
            + " ORDER BY stream_id, fold_key, max_event_time DESC, version DESC LIMIT 1";
    static final String NEXT_SNAPSHOT = "SELECT version FROM " + SNAPSHOTS
            + " WHERE stream_id = ? AND fold_key = ? AND version > ? ORDER BY stream_id, fold_key, version LIMIT 1";
    static final String EVENTS_AFTER = "SELECT " + EVENT_COLUMNS + " FROM " + EVENTS
            + " WHERE stream_id = ? AND version > ? AND version <= ? ORDER BY stream_id, version LIMIT " + PAGE;
    static final String EVENTS_BY_EVENT_TIME = "SELECT " + EVENT_COLUMNS + " FROM " + EVENTS
            + " WHERE stream_id = ? AND version > ? AND version <= ? AND event_time <= ? ORDER BY stream_id, version LIMIT "
            + PAGE;

    private final JdbcEventStore store;
    private final Fold fold;
    private final Upcasters upcasters;
    private final int snapshotEvery;
    private final String foldKey;
    private final ExecutorService snapshots;
    private final Consumer<AppendResult.Appended> listener = this::appended;
    private volatile Future<?> lastQueued;

    /**
     * @param snapshotEvery events per stream between snapshots; 0: no snapshots written (existing
     *                      ones of the same fold are still used)
     */
    public StateReader(JdbcEventStore store, Fold fold, Upcasters upcasters, int snapshotEvery) {
        if (snapshotEvery < 0) {
            throw new IllegalArgumentException("snapshotEvery must be 0 or more, got " + snapshotEvery);
        }
        this.store = store;
        this.fold = fold;
        this.upcasters = upcasters;
        this.snapshotEvery = snapshotEvery;
        this.foldKey = foldKey(fold, upcasters);
        this.snapshots = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "edakit-event-store-snapshots");
            thread.setDaemon(true);
            return thread;
        });
        if (snapshotEvery > 0) {
            store.onAppended(listener);
        }
    }

    /** The key this reader's snapshots are stored under: a hash of the fold's and upcasters' identities. */
    public String foldKey() {
        return foldKey;
    }

    static String foldKey(Fold fold, Upcasters upcasters) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((fold.identity() + "\n" + upcasters.identity())
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The state of {@code streamId} that {@code query} asks for. */
    public State state(String streamId, StateQuery query) {
        Rebuilt rebuilt = store.read("rebuild the state of stream '" + streamId + "'",
                connection -> rebuild(connection, streamId, query));
        if (snapshotEvery > 0 && rebuilt.state.folded().size() >= snapshotEvery) {
            long boundary = rebuilt.state.version() / snapshotEvery * snapshotEvery;
            if (boundary > rebuilt.state.snapshotVersion()) {
                queue(streamId, boundary);
            }
        }
        return rebuilt.state;
    }

    /** A state and the largest times among all the events it includes (for its snapshot). */
    private record Rebuilt(State state, long maxRecorded, long maxEventTime) {
    }

    /** The snapshot a state starts from (version 0, null state: none, fold from the first event). */
    private record Snapshot(long version, JsonNode value, Instant takenAt, long maxRecorded, long maxEventTime) {
        static final Snapshot NONE = new Snapshot(0, NullNode.getInstance(), null, 0, 0);
    }

    private Rebuilt rebuild(Connection connection, String streamId, StateQuery query) throws SQLException {
        long lastVersion = query.version() == null ? Long.MAX_VALUE : query.version();
        Long at = query.at() == null ? null : query.at().toEpochMilli();
        boolean byEventTime = query.basis() == StateQuery.TimeBasis.EVENT && at != null;
        Snapshot snapshot = latestSnapshot(connection, streamId, lastVersion, at, byEventTime);
        long upTo = lastVersion;
        if (at != null && !byEventTime) {
            upTo = Math.min(upTo, nextSnapshotVersion(connection, streamId, snapshot.version()));
        }
        JsonNode value = snapshot.value();
        long version = snapshot.version();
        long maxRecorded = snapshot.maxRecorded();
        long maxEventTime = snapshot.maxEventTime();
        List<State.Folded> folded = new ArrayList<>();
        boolean pastT = false;
        for (long after = snapshot.version(); after < upTo && !pastT; ) {
            List<StoredEvent> page = page(connection, streamId, after, upTo, byEventTime ? at : null);
            for (StoredEvent event : page) {
                if (at != null && !byEventTime && event.recordedAt().toEpochMilli() > at) {
                    pastT = true; // recorded times grow along the stream: every later event is after T too
                    break;
                }
                JsonNode data = upcasters.upcast(event.type(), event.revision(), parse(event.data(), "data of event "
                        + event.id() + " (stream '" + streamId + "' version " + event.version() + ")"));
                value = fold.apply(value, data, event);
                if (value == null) {
                    value = NullNode.getInstance();
                }
                version = event.version();
                maxRecorded = Math.max(maxRecorded, event.recordedAt().toEpochMilli());
                maxEventTime = Math.max(maxEventTime, event.eventTime().toEpochMilli());
                folded.add(new State.Folded(event.version(), event.position(), event.type(), event.revision(),
                        event.recordedAt(), event.eventTime()));
            }
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1).version();
        }
        return new Rebuilt(new State(streamId, value, version, snapshot.version(), snapshot.takenAt(),
                List.copyOf(folded)), maxRecorded, maxEventTime);
    }

    /**
     * The latest snapshot of this fold at or before {@code lastVersion} that serves T (every event it
     * includes at or before T), the first entry of a descending index: its largest times are running
     * maxima, so they grow with its version and the first entry at or before T is the latest one.
     */
    private Snapshot latestSnapshot(Connection connection, String streamId, long lastVersion, Long at,
                                    boolean byEventTime) throws SQLException {
        String sql = at == null ? SNAPSHOT_BY_VERSION : byEventTime ? SNAPSHOT_BY_EVENT_TIME : SNAPSHOT_BY_RECORDED;
        Object[] values = at == null ? new Object[] {streamId, foldKey, lastVersion}
                : new Object[] {streamId, foldKey, lastVersion, at};
        try (PreparedStatement query = prepare(connection, sql, values); ResultSet row = query.executeQuery()) {
            if (!row.next()) {
                return Snapshot.NONE;
            }
            long version = row.getLong(1);
            return new Snapshot(version, parse(row.getBytes(2), "snapshot of stream '" + streamId + "' at version "
                    + version), Instant.ofEpochMilli(row.getLong(3)), row.getLong(4), row.getLong(5));
        }
    }

    /**
     * The version of the first snapshot after {@code version} (none: no bound). When
     * {@code version} is the latest snapshot serving a recorded time T, the next one was passed over
     * because it includes an event recorded after T, so every event after it is recorded after T:
     * the events to fold end there, whatever the stream's length. (Event times come in any order,
     * so they have no such bound.)
     */
    private long nextSnapshotVersion(Connection connection, String streamId, long version) throws SQLException {
        try (PreparedStatement query = prepare(connection, NEXT_SNAPSHOT, streamId, foldKey, version);
             ResultSet row = query.executeQuery()) {
            return row.next() ? row.getLong(1) : Long.MAX_VALUE;
        }
    }

    /**
     * Up to {@value #PAGE} events after {@code after} and at or before {@code upTo}, in version
     * order (by the (stream, version) index, read in order), with an event time at or before
     * {@code eventTimeAt} when given. Pages keep a long replay's memory to one page of rows.
     */
    private static List<StoredEvent> page(Connection connection, String streamId, long after, long upTo,
                                          Long eventTimeAt) throws SQLException {
        return eventTimeAt != null ? JdbcEventStore.events(connection, EVENTS_BY_EVENT_TIME, streamId, after, upTo,
                eventTimeAt) : JdbcEventStore.events(connection, EVENTS_AFTER, streamId, after, upTo);
    }

    private static JsonNode parse(byte[] json, String what) {
        try {
            return JdbcEventStore.JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(what + " is not JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Folds and writes the snapshot of {@code streamId} at {@code version} now, on the caller's
     * thread; false when the stream has no such version or the snapshot exists.
     */
    public boolean snapshot(String streamId, long version) {
        return store.read("write a snapshot of stream '" + streamId + "'", connection -> {
            Rebuilt rebuilt = rebuild(connection, streamId, StateQuery.atVersion(version));
            if (rebuilt.state.version() != version || rebuilt.state.snapshotVersion() == version) {
                return false;
            }
            return JdbcDatabase.insertIfAbsent(connection, store.dialect().insertIfAbsent("INSERT INTO " + SNAPSHOTS
                    + " (stream_id, fold_key, version, state, max_recorded_at, max_event_time, taken_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)"), streamId, foldKey, version,
                    bytes(rebuilt.state.value()), rebuilt.maxRecorded,
                    rebuilt.maxEventTime, store.clock().millis());
        });
    }

    private static byte[] bytes(JsonNode value) {
        try {
            return JdbcEventStore.JSON.writeValueAsBytes(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void appended(AppendResult.Appended appended) {
        long boundary = appended.currentVersion() / snapshotEvery * snapshotEvery;
        if (boundary >= appended.firstVersion() && boundary > 0) {
            queue(appended.streamId(), boundary);
        }
    }

    private void queue(String streamId, long version) {
        try {
            lastQueued = snapshots.submit(() -> {
                try {
                    snapshot(streamId, version);
                } catch (RuntimeException e) {
                    LOG.warn("event store: snapshot of stream '{}' at version {} failed (states fold from an older one): {}",
                            streamId, version, e.getMessage());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // closing: the snapshot is only an optimisation
        }
    }

    /** Waits until the snapshots queued so far are written (tests, benchmarks). */
    public void awaitSnapshots() throws Exception {
        Future<?> last = lastQueued;
        if (last != null) {
            last.get(60, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        store.removeListener(listener);
        snapshots.shutdownNow();
    }
}
