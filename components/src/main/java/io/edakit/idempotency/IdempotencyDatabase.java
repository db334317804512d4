package io.edakit.idempotency;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.apache.commons.dbcp2.BasicDataSource;

/**
 * The database behind {@link JdbcIdempotencyStore}s: one connection pool and the two tables, shared
 * by every template instance of an application (each is a namespace in the same tables).
 *
 * <p>The pool is commons-dbcp2 (already on the class path through Artemis): it validates
 * connections on borrow, so a database restart costs failed statements, not a dead application.
 */
public final class IdempotencyDatabase implements AutoCloseable {

    static final String KEYS = "edakit_idempotency_keys";
    static final String POSITIONS = "edakit_idempotency_positions";

    private final BasicDataSource pool;
    private final SqlDialect dialect;

    private IdempotencyDatabase(BasicDataSource pool, SqlDialect dialect) {
        this.pool = pool;
        this.dialect = dialect;
    }

    /**
     * Connects to {@code jdbcUrl} (H2 or PostgreSQL) and creates the tables if missing.
     *
     * @param maxConnections connections held at most; statements are short, a few suffice
     */
    public static IdempotencyDatabase open(String jdbcUrl, String user, String password, int maxConnections) {
        SqlDialect dialect = SqlDialect.of(jdbcUrl);
        BasicDataSource pool = new BasicDataSource();
        pool.setUrl(jdbcUrl);
        pool.setUsername(user);
        pool.setPassword(password);
        pool.setMaxTotal(maxConnections);
        pool.setMaxIdle(maxConnections);
        pool.setDefaultAutoCommit(true); // each statement is its own atomic step, see JdbcIdempotencyStore
        pool.setTestOnBorrow(true);
        IdempotencyDatabase database = new IdempotencyDatabase(pool, dialect);
        try {
            database.createTables();
        } catch (SQLException e) {
            database.close();
            throw new IllegalStateException("cannot prepare the idempotency tables at " + jdbcUrl + ": " + e.getMessage(), e);
        }
        return database;
    }

    /** The store of one namespace (a template instance) in this database. */
    public JdbcIdempotencyStore store(String namespace) {
        return new JdbcIdempotencyStore(this, namespace);
    }

    DataSource dataSource() {
        return pool;
    }

    SqlDialect dialect() {
        return dialect;
    }

    private void createTables() throws SQLException {
        String[] ddl = {
            // claimed_at in epoch milliseconds: no time-zone conversions between JVMs and databases
            "CREATE TABLE IF NOT EXISTS " + KEYS + " (namespace VARCHAR(200) NOT NULL, message_key VARCHAR(500) NOT NULL, "
                    + "claimed_at BIGINT NOT NULL, confirmed BOOLEAN NOT NULL, PRIMARY KEY (namespace, message_key))",
            "CREATE INDEX IF NOT EXISTS " + KEYS + "_claimed_at ON " + KEYS + " (claimed_at)",
            "CREATE TABLE IF NOT EXISTS " + POSITIONS + " (namespace VARCHAR(200) NOT NULL, scope VARCHAR(500) NOT NULL, "
                    + "position BIGINT NOT NULL, PRIMARY KEY (namespace, scope))"
        };
        for (String statement : ddl) {
            try (Connection connection = pool.getConnection(); Statement sql = connection.createStatement()) {
                sql.execute(statement);
            } catch (SQLException e) {
                // two instances starting together: PostgreSQL's IF NOT EXISTS can still lose the race
                // with a duplicate-key error on its catalog; the table exists then, which is all we need
                if (!SqlDialect.isDuplicateKey(e)) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            pool.close();
        } catch (SQLException e) {
            // closing idle connections: nothing left to do about a failure
        }
    }
}
