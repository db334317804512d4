package io.edakit.idempotency;

import java.util.List;

import javax.sql.DataSource;

import io.edakit.jdbc.JdbcDatabase;
import io.edakit.jdbc.SqlDialect;

/**
 * The database behind {@link JdbcIdempotencyStore}s: one connection pool and the two tables, shared
 * by every template instance of an application (each is a namespace in the same tables).
 */
public final class IdempotencyDatabase implements AutoCloseable {

    static final String KEYS = "edakit_idempotency_keys";
    static final String POSITIONS = "edakit_idempotency_positions";

    private static final List<String> TABLES = List.of(
            // claimed_at in epoch milliseconds: no time-zone conversions between JVMs and databases
            "CREATE TABLE IF NOT EXISTS " + KEYS + " (namespace VARCHAR(200) NOT NULL, message_key VARCHAR(500) NOT NULL, "
                    + "claimed_at BIGINT NOT NULL, confirmed BOOLEAN NOT NULL, PRIMARY KEY (namespace, message_key))",
            "CREATE INDEX IF NOT EXISTS " + KEYS + "_claimed_at ON " + KEYS + " (claimed_at)",
            "CREATE TABLE IF NOT EXISTS " + POSITIONS + " (namespace VARCHAR(200) NOT NULL, scope VARCHAR(500) NOT NULL, "
                    + "position BIGINT NOT NULL, PRIMARY KEY (namespace, scope))");

    private final JdbcDatabase database;

    private IdempotencyDatabase(JdbcDatabase database) {
        this.database = database;
    }

    /**
     * Connects to {@code jdbcUrl} (H2 or PostgreSQL) and creates the tables if missing.
     *
     * @param maxConnections connections held at most; statements are short, a few suffice
     */
    public static IdempotencyDatabase open(String jdbcUrl, String user, String password, int maxConnections) {
        return new IdempotencyDatabase(JdbcDatabase.open("the idempotency store", jdbcUrl, user, password,
                maxConnections, dialect -> TABLES));
    }

    /** The store of one namespace (a template instance) in this database. */
    public JdbcIdempotencyStore store(String namespace) {
        return new JdbcIdempotencyStore(this, namespace);
    }

    DataSource dataSource() {
        return database.dataSource();
    }

    SqlDialect dialect() {
        return database.dialect();
    }

    @Override
    public void close() {
        database.close();
    }
}
