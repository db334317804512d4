package io.edakit.idempotency;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.edakit.jdbc.GroupCommitter;
import io.edakit.jdbc.JdbcDatabase;
import io.edakit.jdbc.SqlDialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database behind {@link JdbcIdempotencyStore}s: one connection pool and the tables, shared by
 * every template instance of an application (each is a namespace in the same tables).
 *
 * <p>It is also this process's claimant: a row of {@value #CLAIMANTS} named by the instance id and
 * a random token (an incarnation, see {@link Liveness}), whose heartbeat it renews every second on
 * a thread of its own. Every claim row names its claimant, so that a claim whose claimant has gone
 * silent is taken over at once. Closing deletes the row: what a closed incarnation left unfinished
 * is taken over at once too.
 *
 * <p>The stores' writes (claims, confirmations, releases, positions) go through one
 * {@link GroupCommitter} for all namespaces: concurrent consumers share a commit. The heartbeat
 * does not: it must not wait behind a batch, and it is written once a second only.
 */
public final class IdempotencyDatabase implements AutoCloseable {

    static final String KEYS = "edakit_idempotency_keys";
    static final String POSITIONS = "edakit_idempotency_positions";
    static final String CLAIMANTS = "edakit_idempotency_claimants";

    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyDatabase.class);

    private static final List<String> TABLES = List.of(
            // claimed_at in epoch milliseconds: no time-zone conversions between JVMs and databases
            "CREATE TABLE IF NOT EXISTS " + KEYS + " (namespace VARCHAR(200) NOT NULL, message_key VARCHAR(500) NOT NULL, "
                    + "claimed_at BIGINT NOT NULL, confirmed BOOLEAN NOT NULL, claimant VARCHAR(300), "
                    + "PRIMARY KEY (namespace, message_key))",
            // tables of an earlier release have no claimant column: their claims keep the lease only
            "ALTER TABLE " + KEYS + " ADD COLUMN IF NOT EXISTS claimant VARCHAR(300)",
            "CREATE INDEX IF NOT EXISTS " + KEYS + "_claimed_at ON " + KEYS + " (claimed_at)",
            "CREATE TABLE IF NOT EXISTS " + POSITIONS + " (namespace VARCHAR(200) NOT NULL, scope VARCHAR(500) NOT NULL, "
                    + "position BIGINT NOT NULL, PRIMARY KEY (namespace, scope))",
            "CREATE TABLE IF NOT EXISTS " + CLAIMANTS + " (claimant VARCHAR(300) NOT NULL, instance_id VARCHAR(200) NOT NULL, "
                    + "started_at BIGINT NOT NULL, heartbeat_at BIGINT NOT NULL, PRIMARY KEY (claimant))");

    private final JdbcDatabase database;
    private final String claimant;
    private final String instanceId;
    private final Clock clock;
    private final Liveness liveness = new Liveness();
    private final ScheduledExecutorService heartbeat;
    private final String insertClaimant;
    private final GroupCommitter committer;

    private IdempotencyDatabase(JdbcDatabase database, String instanceId, Clock clock, int maxConnections) {
        this.database = database;
        this.instanceId = instanceId;
        this.claimant = instanceId + "/" + UUID.randomUUID();
        this.clock = clock;
        this.committer = new GroupCommitter("idempotency store", database.dataSource(),
                GroupCommitter.committersFor(database.dialect(), maxConnections));
        this.insertClaimant = database.dialect().insertIfAbsent("INSERT INTO " + CLAIMANTS
                + " (claimant, instance_id, started_at, heartbeat_at) VALUES (?, ?, ?, ?)");
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "edakit-idempotency-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Connects to {@code jdbcUrl} (H2 or PostgreSQL), creates the tables if missing, and registers
     * this process as a claimant of instance {@code instanceId}.
     *
     * @param maxConnections connections held at most; statements are short, a few suffice
     */
    public static IdempotencyDatabase open(String jdbcUrl, String user, String password, int maxConnections,
                                           String instanceId) {
        return open(JdbcDatabase.open(PURPOSE, jdbcUrl, user, password, maxConnections, dialect -> TABLES),
                maxConnections, instanceId);
    }

    /**
     * On a database opened already (e.g. {@link JdbcDatabase#using} an application's DataSource, with
     * its tables prepared by {@link #ddl} or a DBA), registers this process as a claimant of
     * {@code instanceId}. Closing the store closes {@code database}.
     */
    public static IdempotencyDatabase open(JdbcDatabase database, int maxConnections, String instanceId) {
        IdempotencyDatabase opened = new IdempotencyDatabase(database, instanceId, Clock.systemUTC(), maxConnections);
        String where = "the " + database.dialect().name().toLowerCase(java.util.Locale.ROOT) + " database";
        try {
            opened.beat(); // registered before its first claim: a claim without a row is a dead one's
        } catch (SQLException e) {
            opened.committer.close();
            opened.database.close();
            throw new IllegalStateException("cannot register with the idempotency store in " + where + ": "
                    + e.getMessage(), e);
        }
        opened.heartbeat.scheduleWithFixedDelay(opened::beatQuietly, Liveness.INTERVAL.toMillis(),
                Liveness.INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return opened;
    }

    /** The statements that create the tables if missing (for every dialect the same): for DBAs, see {@link #TABLE_NAMES}. */
    public static List<String> ddl(SqlDialect dialect) {
        return TABLES;
    }

    /** What the idempotency store's tables are called, to check they exist where none are created. */
    public static final List<String> TABLE_NAMES = List.of(KEYS, POSITIONS, CLAIMANTS);

    /** What the database is called in messages. */
    public static final String PURPOSE = "the idempotency store";

    /** The store of one namespace (a template instance) in this database. */
    public JdbcIdempotencyStore store(String namespace) {
        return new JdbcIdempotencyStore(this, namespace);
    }

    DataSource dataSource() {
        return database.dataSource();
    }

    /** Where the stores' writes are committed, together (its counts: the mean batch size, for benchmarks). */
    public GroupCommitter committer() {
        return committer;
    }

    SqlDialect dialect() {
        return database.dialect();
    }

    /** The claimant this process's claims name: instance id and incarnation token. */
    String claimant() {
        return claimant;
    }

    /**
     * The heartbeat time at or after which a claimant counts as alive for a claim at
     * {@code claimTimeMillis}; {@link Long#MIN_VALUE} (only a claimant without a row is dead) while
     * this process cannot judge, see {@link Liveness}.
     */
    long aliveSince(long claimTimeMillis) {
        return liveness.canJudge(clock.millis()) ? claimTimeMillis - Liveness.TIMEOUT.toMillis() : Long.MIN_VALUE;
    }

    /** Forgets claimants silent for an hour (their claims count as dead either way). */
    int forgetSilentClaimants(long nowMillis) throws SQLException {
        try (Connection connection = dataSource().getConnection()) {
            return JdbcDatabase.update(connection, "DELETE FROM " + CLAIMANTS + " WHERE heartbeat_at < ? AND claimant <> ?",
                    nowMillis - TimeUnit.HOURS.toMillis(1), claimant);
        }
    }

    private void beat() throws SQLException {
        long now = clock.millis();
        try (Connection connection = dataSource().getConnection()) {
            if (JdbcDatabase.update(connection, "UPDATE " + CLAIMANTS + " SET heartbeat_at = ? WHERE claimant = ?",
                    now, claimant) == 0) {
                JdbcDatabase.insertIfAbsent(connection, insertClaimant, claimant, instanceId, now, now);
            }
        }
        liveness.ownBeat(now);
    }

    private void beatQuietly() {
        try {
            beat();
        } catch (SQLException | RuntimeException e) {
            liveness.ownBeatFailed();
            LOG.debug("idempotency store heartbeat of {} failed: {}", claimant, e.toString());
        }
    }

    @Override
    public void close() {
        committer.close(); // what consumers wrote is committed before this claimant signs off
        heartbeat.shutdownNow();
        try {
            heartbeat.awaitTermination(5, TimeUnit.SECONDS);
            try (Connection connection = dataSource().getConnection()) {
                JdbcDatabase.update(connection, "DELETE FROM " + CLAIMANTS + " WHERE claimant = ?", claimant);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("could not sign {} off the idempotency store: {}", claimant, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        database.close();
    }
}
