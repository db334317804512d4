package io.edakit.projection;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.edakit.execution.ExecutionRows;
import io.edakit.jdbc.JdbcDatabase;
import io.edakit.jdbc.JdbcSettings;
import io.edakit.jdbc.SqlDialect;

/**
 * Projections' checkpoints and leases, in table {@value #TABLE} of the event store's database: a
 * row per projection with its checkpoint (the last global position handled), its replay mark, its
 * state, and the owner and lease of the durable execution core ({@link ExecutionRows}), whose
 * group committer writes every checkpoint: the checkpoints of many projections share a commit.
 *
 * <p><b>Fencing.</b> A checkpoint is written {@code WHERE owner = token} ({@link ExecutionRows#claimed}),
 * renewing the lease in the same update; a takeover needs a lapsed lease. So an instance that lost
 * its claim (its lease lapsed while it was stalled, or an operator reset the projection) cannot
 * move the checkpoint again: the new owner's position stands.
 *
 * <p><b>Reset</b> is an operator request: the checkpoint moves, owner and lease are cleared (the
 * current owner's next write fails and it lets go), and the replay mark becomes the furthest
 * checkpoint reached so far, so the events handled before are handed again with the replay marker
 * and those never handled without it.
 */
public final class ProjectionStore implements AutoCloseable {

    static final String TABLE = "edakit_es_projections";
    private static final String RUNNING = "RUNNING";
    private static final String STOPPED = "STOPPED";
    private static final String COLUMNS = "name, state, owner, lease_until, position, replay_until, updated_at, error";
    private static final int ERROR_MAX = 1_000;
    // the name is the kind too: an instance claims only the projection it runs
    private static final ExecutionRows.Table ROWS = new ExecutionRows.Table(TABLE, "name", "name", "state",
            "('" + RUNNING + "')");

    private final ExecutionRows rows;
    private final Clock clock;

    private ProjectionStore(ExecutionRows rows, Clock clock) {
        this.rows = rows;
        this.clock = clock;
    }

    /** Opens the store in the event store's database ({@code edakit.event-store.*}), creating the table if missing. */
    public static ProjectionStore open(JdbcSettings eventStore, int maxConnections) {
        return open(eventStore.url(), eventStore.user(), eventStore.password(), maxConnections, Clock.systemUTC());
    }

    public static ProjectionStore open(String jdbcUrl, String user, String password, int maxConnections, Clock clock) {
        return new ProjectionStore(ExecutionRows.open("projection store", "projection", ROWS, jdbcUrl, user, password,
                maxConnections, ProjectionStore::ddl), clock);
    }

    private static List<String> ddl(SqlDialect dialect) {
        return List.of("CREATE TABLE IF NOT EXISTS " + TABLE + " (name VARCHAR(200) NOT NULL PRIMARY KEY, "
                + "state VARCHAR(16) NOT NULL, owner VARCHAR(200), lease_until BIGINT NOT NULL, position BIGINT NOT NULL, "
                + "replay_until BIGINT NOT NULL, updated_at BIGINT NOT NULL, error VARCHAR(" + (ERROR_MAX + 10) + "))");
    }

    public Clock clock() {
        return clock;
    }

    /** Creates the projection's row, at position 0, unless it exists (instances starting side by side). */
    public void create(String name) {
        String insert = rows.dialect().insertIfAbsent("INSERT INTO " + TABLE + " (" + COLUMNS
                + ") VALUES (?, ?, NULL, 0, 0, 0, ?, NULL)");
        rows.write("create", connection -> JdbcDatabase.insertIfAbsent(connection, insert, name, RUNNING,
                clock.millis()));
    }

    /**
     * Claims the projection for {@code token} if nobody holds it (its lease lapsed or was given up)
     * and it is not stopped; answers its row as claimed, or empty.
     */
    public Optional<ProjectionState> claim(String name, String token, Instant leaseUntil) {
        if (rows.claimOrphans(List.of(name), token, clock.instant(), leaseUntil, 1, (connection, id) -> { }).isEmpty()) {
            return Optional.empty();
        }
        return find(name);
    }

    /** Moves the checkpoint to {@code position} if {@code token} still holds the projection; false: lost. */
    public boolean checkpoint(String name, String token, long position, Instant leaseUntil) {
        return rows.write("checkpoint", connection -> rows.claimed(connection, name, token, leaseUntil,
                "position = ?, updated_at = ?", position, clock.millis()));
    }

    /** Extends the lease if {@code token} still holds it. */
    public boolean renew(String name, String token, Instant leaseUntil) {
        return rows.renew(name, token, leaseUntil);
    }

    /** Gives the projection up (an instance stopping): another instance may take it over at once. */
    public void letGo(String name, String token) {
        rows.letGo(name, token);
    }

    /**
     * Stops the projection at {@code position} (the last event handled) with {@code error}, if
     * {@code token} holds it: no instance runs it again until a reset.
     */
    public boolean stop(String name, String token, long position, String error) {
        return rows.write("stop", connection -> rows.claimed(connection, name, token, Instant.EPOCH,
                "state = ?, owner = NULL, position = ?, updated_at = ?, error = ?", STOPPED, position, clock.millis(),
                ExecutionRows.abbreviate(error, ERROR_MAX)));
    }

    /**
     * Operator: moves the checkpoint to {@code position} (the next event handled is the one after
     * it), running again if it was stopped; the owner loses its claim and whichever instance claims
     * it next starts there. The replay mark becomes the furthest checkpoint so far.
     *
     * @return false when there is no such projection
     */
    public boolean reset(String name, long position) {
        // the right-hand sides read the row as it was: the replay mark is taken from the old checkpoint
        return rows.operatorRequest("reset", name, RUNNING, "('" + RUNNING + "', '" + STOPPED + "')",
                "position = ?, replay_until = CASE WHEN position > replay_until THEN position ELSE replay_until END, "
                        + "updated_at = ?, error = NULL", Arrays.asList(position, clock.millis()), (connection, id) -> { });
    }

    public Optional<ProjectionState> find(String name) {
        return rows.query("read", "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE name = ?", ProjectionStore::state, name)
                .stream().findFirst();
    }

    /** Every projection, by name. */
    public List<ProjectionState> list() {
        return rows.query("list", "SELECT " + COLUMNS + " FROM " + TABLE + " ORDER BY name", ProjectionStore::state);
    }

    private static ProjectionState state(ResultSet row) throws SQLException {
        return new ProjectionState(row.getString(1), STOPPED.equals(row.getString(2)), row.getString(3),
                Instant.ofEpochMilli(row.getLong(4)), row.getLong(5), row.getLong(6), Instant.ofEpochMilli(row.getLong(7)),
                row.getString(8));
    }

    @Override
    public void close() {
        rows.close();
    }
}
