package io.edakit.idempotency;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

import io.edakit.jdbc.GroupCommitter;
import io.edakit.jdbc.JdbcDatabase;

/**
 * An {@link IdempotencyStore} in an H2 or PostgreSQL database, shared by every process that uses
 * the same database and namespace. Open it through {@link IdempotencyDatabase#store(String)}.
 *
 * <p>Why it is race-free without locks of its own: the one step that grants a claim is an
 * insert into a table whose primary key is the message key, and the database lets exactly one of
 * two concurrent inserts of a key succeed. An expired key (the insert met it) is deleted with a statement whose
 * condition ({@code claimed_at < cutoff}) a fresh claim never meets, so the delete cannot remove a
 * claim another instance has just made; the insert after it then decides, as for a new key. The
 * stale guard is a conditional update ({@code position < ?}): PostgreSQL and H2 re-check the
 * condition on the locked row, so of two racing advances only a greater position wins.
 *
 * <p>Each claim row names its claimant ({@link IdempotencyDatabase#claimant()}). An unfinished
 * claim whose claimant has no heartbeat younger than {@link Liveness#TIMEOUT} (or no row: it
 * closed, or was forgotten) is deleted like a lapsed one, so a crashed process's claims are taken
 * over within seconds. Confirm and release act only on this process's own claim, so a holder that
 * was wrongly taken for dead cannot undo the claim of the instance that took over.
 *
 * <p>Claims, confirmations, releases and advances are group-committed ({@link GroupCommitter},
 * shared by the database's namespaces): each call returns once its write is committed, so a claim
 * is durable before its message is handled and a confirmation before the message is
 * acknowledged. Two claims of one key in the same batch run one after the other on the batch's
 * transaction: the first is {@link ClaimResult#CLAIMED}, the second finds the first's row and is
 * answered {@link ClaimResult#IN_PROGRESS}, as it would be in two transactions.
 */
public final class JdbcIdempotencyStore implements IdempotencyStore {

    private static final String KEYS = IdempotencyDatabase.KEYS;
    private static final String CLAIMANTS = IdempotencyDatabase.CLAIMANTS;
    private static final String POSITIONS = IdempotencyDatabase.POSITIONS;

    private final IdempotencyDatabase database;
    private final String namespace;
    private final String insertKey;
    private final String insertPosition;

    JdbcIdempotencyStore(IdempotencyDatabase database, String namespace) {
        this.database = database;
        this.namespace = namespace;
        this.insertKey = database.dialect().insertIfAbsent(
                "INSERT INTO " + KEYS + " (namespace, message_key, claimed_at, confirmed, claimant) VALUES (?, ?, ?, FALSE, ?)");
        this.insertPosition = database.dialect().insertIfAbsent(
                "INSERT INTO " + POSITIONS + " (namespace, scope, position) VALUES (?, ?, ?)");
    }

    @Override
    public ClaimResult claim(String key, Instant now, Duration window) {
        return claim(key, now, window, false);
    }

    @Override
    public ClaimResult reclaim(String key, Instant now, Duration window) {
        return claim(key, now, window, true);
    }

    private ClaimResult claim(String key, Instant now, Duration window, boolean takeOverUnconfirmed) {
        return write("claim", connection -> {
            // most keys are new: the insert alone decides, and only a key already held pays for
            // looking at whether its claim lapsed (the same answer as deleting the lapsed first)
            if (JdbcDatabase.insertIfAbsent(connection, insertKey, namespace, key, now.toEpochMilli(), database.claimant())) {
                return ClaimResult.CLAIMED;
            }
            if (takeOverUnconfirmed) {
                JdbcDatabase.update(connection, "DELETE FROM " + KEYS + " WHERE namespace = ? AND message_key = ? AND confirmed = FALSE",
                        namespace, key);
            }
            // lapsed: past the window, or never confirmed and past the in-progress lease or left by a
            // claimant that is gone (another one's: this process's own claims are in progress here)
            JdbcDatabase.update(connection, "DELETE FROM " + KEYS + " WHERE namespace = ? AND message_key = ? AND (claimed_at < ?"
                            + " OR (confirmed = FALSE AND (claimed_at < ? OR (claimant IS NOT NULL AND claimant <> ?"
                            + " AND NOT EXISTS (SELECT 1 FROM " + CLAIMANTS + " c WHERE c.claimant = " + KEYS + ".claimant"
                            + " AND c.heartbeat_at >= ?)))))",
                    namespace, key, cutoff(now, window),
                    cutoff(now, window.compareTo(IN_PROGRESS_LEASE) < 0 ? window : IN_PROGRESS_LEASE),
                    database.claimant(), database.aliveSince(now.toEpochMilli()));
            if (JdbcDatabase.insertIfAbsent(connection, insertKey, namespace, key, now.toEpochMilli(), database.claimant())) {
                return ClaimResult.CLAIMED;
            }
            return heldState(connection, key);
        });
    }

    /**
     * What holds a key whose insert lost. Released between the insert and this read: in progress
     * still, as far as this caller knows, so it asks again rather than concluding from a gone row.
     */
    private ClaimResult heldState(Connection connection, String key) throws SQLException {
        try (PreparedStatement query = JdbcDatabase.prepare(connection,
                "SELECT confirmed FROM " + KEYS + " WHERE namespace = ? AND message_key = ?", namespace, key);
             ResultSet row = query.executeQuery()) {
            return ClaimResult.held(row.next() && row.getBoolean(1));
        }
    }

    @Override
    public void confirm(String key) {
        write("confirm", "UPDATE " + KEYS + " SET confirmed = TRUE WHERE namespace = ? AND message_key = ? AND claimant = ?",
                namespace, key, database.claimant());
    }

    @Override
    public void release(String key) {
        write("release", "DELETE FROM " + KEYS + " WHERE namespace = ? AND message_key = ? AND claimant = ?",
                namespace, key, database.claimant());
    }

    @Override
    public int evictExpired(Instant now, Duration window) {
        try {
            database.forgetSilentClaimants(now.toEpochMilli());
        } catch (SQLException e) {
            throw failure("forget silent claimants of", e);
        }
        return run("evict", "DELETE FROM " + KEYS + " WHERE namespace = ? AND claimed_at < ?", namespace, cutoff(now, window));
    }

    @Override
    public AdvanceResult advance(String scope, long position) {
        String advance = "UPDATE " + POSITIONS + " SET position = ? WHERE namespace = ? AND scope = ? AND position < ?";
        return write("advance", connection -> {
            if (JdbcDatabase.update(connection, advance, position, namespace, scope, position) == 1) {
                return AdvanceResult.ACCEPTED;
            }
            if (JdbcDatabase.insertIfAbsent(connection, insertPosition, namespace, scope, position)) {
                return AdvanceResult.ACCEPTED;
            }
            // the scope exists: either its position is not smaller (stale), or another instance
            // inserted it between our update and insert; one more update tells which
            return JdbcDatabase.update(connection, advance, position, namespace, scope, position) == 1
                    ? AdvanceResult.ACCEPTED : AdvanceResult.STALE;
        });
    }

    @Override
    public OptionalLong lastPosition(String scope) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement query = JdbcDatabase.prepare(connection,
                     "SELECT position FROM " + POSITIONS + " WHERE namespace = ? AND scope = ?", namespace, scope);
             ResultSet row = query.executeQuery()) {
            return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
        } catch (SQLException e) {
            throw failure("read the position of", e);
        }
    }

    /** One statement, group-committed. */
    private int write(String what, String sql, Object... values) {
        return write(what, connection -> JdbcDatabase.update(connection, sql, values));
    }

    /** {@code work} in the next group commit; answers once it is committed. */
    private <T> T write(String what, GroupCommitter.Write<T> work) {
        try {
            return database.committer().commit(work);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** One auto-committed statement outside the batches (eviction: a long delete would hold a batch up). */
    private int run(String what, String sql, Object... values) {
        try (Connection connection = database.dataSource().getConnection()) {
            return JdbcDatabase.update(connection, sql, values);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private static long cutoff(Instant now, Duration window) {
        return now.minus(window).toEpochMilli();
    }

    private IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("idempotency store (" + namespace + ") could not " + what + " a key: "
                + e.getMessage(), e);
    }
}
