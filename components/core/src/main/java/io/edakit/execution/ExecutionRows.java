package io.edakit.execution;

import static io.edakit.jdbc.JdbcDatabase.prepare;
import static io.edakit.jdbc.JdbcDatabase.update;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.edakit.jdbc.GroupCommitter;
import io.edakit.jdbc.JdbcDatabase;
import io.edakit.jdbc.SqlDialect;

/**
 * The durable execution core shared by the saga log and the workflow store: a table with one row
 * per execution (its id, its kind, its state, an owner token and a lease), an append-only history
 * beside it that the store defines, and every write through one {@link GroupCommitter}.
 *
 * <p><b>Leases and fencing.</b> A worker's write first updates the execution's row
 * {@code WHERE owner = ?} (renewing the lease, see {@link #claimed}) and then inserts its history,
 * in one transaction; a takeover ({@link #claimOrphans}) is an update of the same row
 * {@code WHERE lease_until < now}. The database locks the row for whichever comes first, and the
 * second re-checks its condition on the row as the first left it: a renewed lease is not taken
 * over, a taken-over execution is not written. The owner is a fresh token per claim, so it is the
 * fencing token too: a worker whose claim ended can write nothing more.
 *
 * <p><b>Operator requests</b> ({@link #operatorRequest}) change the state and clear owner and
 * lease in one update, so the current worker's next write fails and whichever instance claims the
 * execution next acts on the request.
 *
 * <p>Every write goes through the group committer: the writes of many workers share one
 * transaction, and each call returns only once its write is committed. A write that finds the lease
 * lost answers false and writes nothing, in its batch as alone. Reads use the pool directly and see
 * committed writes only.
 */
public final class ExecutionRows implements AutoCloseable {

    /**
     * Where the rows are: table and column names, and the states in which an execution is active
     * (can be taken over), as an SQL list such as {@code ('RUNNING', 'COMPENSATING')}. The table
     * must have the columns {@code owner VARCHAR} and {@code lease_until BIGINT} (epoch millis).
     */
    public record Table(String name, String idColumn, String kindColumn, String stateColumn, String activeStates) {
    }

    /** What a store does inside the transaction that claimed an execution (usually: record who took it over). */
    @FunctionalInterface
    public interface OnClaim {
        void claimed(Connection connection, String id) throws SQLException;
    }

    /** Reads one row of a result. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private final String purpose;
    private final String noun;
    private final Table table;
    private final JdbcDatabase database;
    private final GroupCommitter committer;

    private ExecutionRows(String purpose, String noun, Table table, JdbcDatabase database, int maxConnections) {
        this.purpose = purpose;
        this.noun = noun;
        this.table = table;
        this.database = database;
        this.committer = new GroupCommitter(purpose, database.dataSource(),
                GroupCommitter.committersFor(database.dialect(), maxConnections));
    }

    /**
     * Connects to {@code jdbcUrl} (H2 or PostgreSQL) and creates the store's tables if missing.
     *
     * @param purpose what the store is, for messages ("saga log")
     * @param noun    what one execution is called, for messages ("saga")
     */
    public static ExecutionRows open(String purpose, String noun, Table table, String jdbcUrl, String user,
                                     String password, int maxConnections, Function<SqlDialect, List<String>> ddl) {
        return new ExecutionRows(purpose, noun, table, JdbcDatabase.open("the " + purpose, jdbcUrl, user, password,
                maxConnections, ddl), maxConnections);
    }

    /** On a database opened already (an application's DataSource, say); closing the rows closes it. */
    public static ExecutionRows on(String purpose, String noun, Table table, JdbcDatabase database, int maxConnections) {
        return new ExecutionRows(purpose, noun, table, database, maxConnections);
    }

    public SqlDialect dialect() {
        return database.dialect();
    }

    public Table table() {
        return table;
    }

    /** Runs {@code work} in the next group commit; answers once it is committed. */
    public <T> T write(String what, GroupCommitter.Write<T> work) {
        try {
            return committer.commit(work);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Queues {@code work} for the next group commit without waiting for it. */
    public <T> CompletableFuture<T> submit(GroupCommitter.Write<T> work) {
        return committer.submit(work);
    }

    /**
     * The fencing check of a worker's write: {@code UPDATE table SET lease_until = ?, sets WHERE id = ?
     * AND owner = ?}. True when {@code owner} still holds the execution (its lease renewed and
     * {@code sets} applied); false when it lost it, and then nothing may be written.
     *
     * @param sets more assignments ({@code "state = ?, updated_at = ?"}), or "" for none
     */
    public boolean claimed(Connection connection, String id, String owner, Instant leaseUntil, String sets,
                           Object... setValues) throws SQLException {
        List<Object> values = new ArrayList<>();
        values.add(leaseUntil.toEpochMilli());
        values.addAll(java.util.Arrays.asList(setValues));
        values.add(id);
        values.add(owner);
        return update(connection, "UPDATE " + table.name() + " SET lease_until = ?" + (sets.isEmpty() ? "" : ", " + sets)
                + " WHERE " + table.idColumn() + " = ? AND owner = ?", values.toArray()) == 1;
    }

    /** Extends the lease if {@code owner} still holds it. */
    public boolean renew(String id, String owner, Instant leaseUntil) {
        return write("renew the lease of", connection -> claimed(connection, id, owner, leaseUntil, ""));
    }

    /**
     * Extends the leases of all {@code held} (id to owner) at once: their writes go to the group
     * committer together and share its commits. Answers the ids {@code owner} no longer holds.
     */
    public java.util.Set<String> renewAll(Map<String, String> held, Instant leaseUntil) {
        Map<String, CompletableFuture<Boolean>> renewals = new LinkedHashMap<>();
        held.forEach((id, owner) -> renewals.put(id, committer.submit(connection ->
                claimed(connection, id, owner, leaseUntil, ""))));
        return new java.util.HashSet<>(idsAnswering(false, renewals, "renew the leases of"));
    }

    /** Waits for every write in flight (per id); the ids whose write answered {@code wanted}, in order. */
    private List<String> idsAnswering(boolean wanted, Map<String, CompletableFuture<Boolean>> writes, String what) {
        List<String> ids = new ArrayList<>();
        for (Map.Entry<String, CompletableFuture<Boolean>> write : writes.entrySet()) {
            try {
                if (GroupCommitter.await(write.getValue()) == wanted) {
                    ids.add(write.getKey());
                }
            } catch (SQLException e) {
                throw failure(what, e);
            }
        }
        return ids;
    }

    /** Gives the execution up (an instance stopping): any instance may take it over at once. */
    public void letGo(String id, String owner) {
        write("let go of", connection -> update(connection, "UPDATE " + table.name() + " SET lease_until = 0 WHERE "
                + table.idColumn() + " = ? AND owner = ?", id, owner));
    }

    /**
     * Takes over at most {@code max} active executions of {@code kinds} whose leases lapsed before
     * {@code now}: each gets {@code owner} and a lease until {@code leaseUntil}, and {@code onClaim}
     * runs in the same transaction. Answers the ids claimed (another instance may be quicker for some).
     */
    public List<String> claimOrphans(Collection<String> kinds, String owner, Instant now, Instant leaseUntil, int max,
                                     OnClaim onClaim) {
        if (kinds.isEmpty() || max <= 0) {
            return List.of();
        }
        List<String> candidates = ids("SELECT " + table.idColumn() + " FROM " + table.name() + " WHERE "
                + table.stateColumn() + " IN " + table.activeStates() + " AND lease_until < ? AND " + table.kindColumn()
                + " IN " + placeholders(kinds.size()) + " ORDER BY lease_until LIMIT ?", values(now.toEpochMilli(), kinds, max));
        // one write per candidate, all in flight at once: they commit together
        Map<String, CompletableFuture<Boolean>> takeovers = new LinkedHashMap<>();
        for (String id : candidates) {
            takeovers.put(id, committer.submit(connection -> {
                if (update(connection, "UPDATE " + table.name() + " SET owner = ?, lease_until = ? WHERE "
                        + table.idColumn() + " = ? AND lease_until < ? AND " + table.stateColumn() + " IN "
                        + table.activeStates(), owner, leaseUntil.toEpochMilli(), id, now.toEpochMilli()) != 1) {
                    return false; // another instance was quicker
                }
                onClaim.claimed(connection, id);
                return true;
            }));
        }
        return idsAnswering(true, takeovers, "take over");
    }

    /**
     * An operator's request: moves the execution from one of {@code fromStates} (an SQL list) to
     * {@code state}, clearing owner and lease so that whichever instance claims it next acts on it,
     * applies {@code sets} too and runs {@code record} (its history entry) in the same transaction.
     *
     * @return false when the execution is unknown or not in one of {@code fromStates}
     */
    public boolean operatorRequest(String what, String id, String state, String fromStates, String sets,
                                   List<Object> setValues, OnClaim record) {
        return write(what, connection -> {
            List<Object> values = new ArrayList<>();
            values.add(state);
            values.addAll(setValues);
            values.add(id);
            if (update(connection, "UPDATE " + table.name() + " SET " + table.stateColumn() + " = ?, owner = NULL, "
                    + "lease_until = 0" + (sets.isEmpty() ? "" : ", " + sets) + " WHERE " + table.idColumn()
                    + " = ? AND " + table.stateColumn() + " IN " + fromStates, values.toArray()) != 1) {
                return false;
            }
            record.claimed(connection, id);
            return true;
        });
    }

    /** Runs a query on the pool (committed data only). */
    public <T> List<T> query(String what, String sql, RowReader<T> reader, Object... values) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement statement = prepare(connection, sql, values);
             ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(reader.read(rows));
            }
            return result;
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** The first column of each row, as strings. */
    public List<String> ids(String sql, Object... values) {
        return query("find", sql, row -> row.getString(1), values);
    }

    /** Positional values: a leading one, then each of {@code many}, then a trailing one. */
    public static Object[] values(Object first, Collection<String> many, Object last) {
        List<Object> values = new ArrayList<>();
        values.add(first);
        values.addAll(many);
        values.add(last);
        return values.toArray();
    }

    /** {@code (?, ?, ...)} with {@code count} placeholders. */
    public static String placeholders(int count) {
        return "(" + String.join(", ", Collections.nCopies(count, "?")) + ")";
    }

    /** Cuts a history detail to what a row holds. */
    public static String abbreviate(String detail, int max) {
        return detail == null || detail.length() <= max ? detail : detail.substring(0, max) + "...";
    }

    public IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException(purpose + ": could not " + what + " a " + noun + ": " + e.getMessage(), e);
    }

    /** Where this store's writes are committed (its counts: the mean batch size, for benchmarks). */
    public GroupCommitter committer() {
        return committer;
    }

    @Override
    public void close() {
        committer.close(); // what was queued is committed first
        database.close();
    }
}
