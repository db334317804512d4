package io.edakit.workflow.durable;

import static io.edakit.execution.ExecutionRows.placeholders;
import static io.edakit.jdbc.JdbcDatabase.update;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import io.edakit.execution.ExecutionRows;
import io.edakit.jdbc.JdbcDatabase;
import io.edakit.workflow.engine.Command;

/**
 * The callback tasks ({@code .waitForTaskToken}) of the {@link WorkflowStore}: table
 * {@code edakit_workflow_callback}, a row per task token handed out, keyed by the token's SHA-256 (the
 * token itself is not stored, so the table does not let anyone answer a task).
 *
 * <p>A row's status is what settles the race between an answer and a timeout: an answer is accepted
 * only from {@link CallbackTask.Status#WAITING} (it becomes ANSWERED, with the answer), and the runner
 * records a timeout only by moving WAITING to TIMED_OUT and applies an answer only by moving ANSWERED
 * to DONE, each in the transaction that appends the event to the history. So an accepted answer is
 * never lost to a timeout, and an answer after a timeout (or to an old attempt) is refused, saying why.
 */
public final class CallbackStore {

    static final String TABLE = "edakit_workflow_callback";
    private static final String COLUMNS = "token_hash, execution_id, task_id, state, attempt, status, opened_at, deadline, "
            + "heartbeat_ms, heartbeat_at, answer_error, answer_output, answer_cause, closed_reason, closed_at";
    private static final int DETAIL_MAX = 1_000_000;

    private final ExecutionRows rows;

    CallbackStore(ExecutionRows rows) {
        this.rows = rows;
    }

    static List<String> tables() {
        return List.of("CREATE TABLE IF NOT EXISTS " + TABLE + " (token_hash VARCHAR(64) NOT NULL PRIMARY KEY, "
                        + "execution_id VARCHAR(200) NOT NULL, task_id VARCHAR(400) NOT NULL, state VARCHAR(200) NOT NULL, "
                        + "attempt INT NOT NULL, status VARCHAR(16) NOT NULL, opened_at BIGINT NOT NULL, deadline BIGINT NOT NULL, "
                        + "heartbeat_ms BIGINT NOT NULL, heartbeat_at BIGINT NOT NULL, answer_error VARCHAR(400), "
                        + "answer_output VARCHAR(" + DETAIL_MAX + "), answer_cause VARCHAR(4000), closed_reason VARCHAR(4000), "
                        + "closed_at BIGINT)",
                "CREATE INDEX IF NOT EXISTS " + TABLE + "_status ON " + TABLE + " (status)",
                "CREATE INDEX IF NOT EXISTS " + TABLE + "_execution ON " + TABLE + " (execution_id, task_id)");
    }

    /** The key a token is stored under. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * Records that {@code call} waits for its callback, from {@code at} (its deadline and heartbeat
     * timers count from then); a call opened before (made again after a restart) keeps its row and its
     * times. Answers the row as it stands.
     */
    CallbackTask open(Command.InvokeTask call, Instant at) {
        String hash = hash(call.taskToken());
        String insert = rows.dialect().insertIfAbsent("INSERT INTO " + TABLE + " (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        long now = at.toEpochMilli();
        rows.write("open a callback task of", connection -> JdbcDatabase.insertIfAbsent(connection, insert, hash,
                call.executionId(), call.taskId(), call.state(), call.attempt(), CallbackTask.Status.WAITING.name(), now,
                call.timeoutMillis() > 0 ? now + call.timeoutMillis() : 0, call.heartbeatMillis(), now, null, null, null,
                null, null));
        return byHash(hash).orElseThrow();
    }

    public Optional<CallbackTask> find(String token) {
        return byHash(hash(token));
    }

    Optional<CallbackTask> byHash(String hash) {
        return tasks("WHERE token_hash = ?", hash).stream().findFirst();
    }

    /** Answered tasks whose answer the runner has not applied yet, oldest first. */
    List<CallbackTask> answered(int max) {
        return tasks("WHERE status = 'ANSWERED' ORDER BY closed_at LIMIT ?", max);
    }

    /**
     * Accepts an answer to the task of {@code token} if it still waits for one; the runner holding the
     * execution applies it. {@code error} null is a success with {@code output} (JSON text).
     *
     * @throws TaskTokenRefused when the token is unknown or its task no longer waits
     */
    CallbackTask answer(String token, String error, String output, String cause, Instant at) {
        String hash = hash(token);
        boolean accepted = rows.write("answer a callback task of", connection -> update(connection, "UPDATE " + TABLE
                + " SET status = 'ANSWERED', answer_error = ?, answer_output = ?, answer_cause = ?, closed_at = ? "
                + "WHERE token_hash = ? AND status = 'WAITING'", error, output, ExecutionRows.abbreviate(cause, 3_990),
                at.toEpochMilli(), hash) == 1);
        return settled(hash, accepted);
    }

    /** Records a heartbeat: the task's heartbeat timer starts again from {@code at}. */
    CallbackTask heartbeat(String token, Instant at) {
        String hash = hash(token);
        boolean accepted = rows.write("record a heartbeat of", connection -> update(connection, "UPDATE " + TABLE
                + " SET heartbeat_at = ? WHERE token_hash = ? AND status = 'WAITING'", at.toEpochMilli(), hash) == 1);
        return settled(hash, accepted);
    }

    private CallbackTask settled(String hash, boolean accepted) {
        CallbackTask task = byHash(hash).orElseThrow(TaskTokenRefused.Unknown::new);
        if (!accepted) {
            throw new TaskTokenRefused(task);
        }
        return task;
    }

    // ---- in the runner's append transaction (WorkflowStore.Guard) -----------------------------------

    /** The answer of {@code hash} is being applied: ANSWERED becomes DONE. False: it was not answered (or applied already). */
    static WorkflowStore.Guard applying(String hash) {
        return connection -> update(connection, "UPDATE " + TABLE + " SET status = 'DONE' WHERE token_hash = ? "
                + "AND status = 'ANSWERED'", hash) == 1;
    }

    /**
     * The runner ends the waiting task of {@code hash} itself (a timeout, a request it could not send):
     * WAITING becomes TIMED_OUT with {@code reason}, if no answer came first and, for a heartbeat timeout
     * ({@code lastHeartbeatBefore} not null), no heartbeat since that time.
     */
    static WorkflowStore.Guard ending(String hash, String reason, Instant at, Instant lastHeartbeatBefore) {
        return connection -> update(connection, "UPDATE " + TABLE + " SET status = 'TIMED_OUT', closed_reason = ?, "
                + "closed_at = ? WHERE token_hash = ? AND status = 'WAITING'"
                + (lastHeartbeatBefore == null ? "" : " AND heartbeat_at <= " + lastHeartbeatBefore.toEpochMilli()),
                ExecutionRows.abbreviate(reason, 3_990), at.toEpochMilli(), hash) == 1;
    }

    /** Tasks of {@code executionId} the execution stopped waiting for (cancelled, or it ended): their tokens are refused from now. */
    static void cancel(Connection connection, String executionId, Collection<String> taskIds, String reason, Instant at)
            throws SQLException {
        if (taskIds.isEmpty()) {
            return;
        }
        List<Object> values = new ArrayList<>(List.of(ExecutionRows.abbreviate(reason, 3_990), at.toEpochMilli(), executionId));
        values.addAll(taskIds);
        update(connection, "UPDATE " + TABLE + " SET status = 'CANCELLED', closed_reason = ?, closed_at = ? WHERE "
                + "execution_id = ? AND status IN ('WAITING', 'ANSWERED') AND task_id IN " + placeholders(taskIds.size()),
                values.toArray());
    }

    /** Every task of {@code executionId} still open: an operator stopped the execution. */
    static void cancelAll(Connection connection, String executionId, String reason, Instant at) throws SQLException {
        update(connection, "UPDATE " + TABLE + " SET status = 'CANCELLED', closed_reason = ?, closed_at = ? WHERE "
                + "execution_id = ? AND status IN ('WAITING', 'ANSWERED')", ExecutionRows.abbreviate(reason, 3_990),
                at.toEpochMilli(), executionId);
    }

    private List<CallbackTask> tasks(String where, Object... values) {
        return rows.query("read the callback tasks of", "SELECT " + COLUMNS + " FROM " + TABLE + " " + where,
                CallbackStore::task, values);
    }

    private static CallbackTask task(ResultSet row) throws SQLException {
        long deadline = row.getLong(8);
        long closedAt = row.getLong(15);
        Instant closed = row.wasNull() ? null : Instant.ofEpochMilli(closedAt);
        return new CallbackTask(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getInt(5),
                CallbackTask.Status.valueOf(row.getString(6)), Instant.ofEpochMilli(row.getLong(7)),
                deadline == 0 ? null : Instant.ofEpochMilli(deadline), row.getLong(9), Instant.ofEpochMilli(row.getLong(10)),
                row.getString(11), row.getString(12), row.getString(13), row.getString(14),
                closed);
    }
}
