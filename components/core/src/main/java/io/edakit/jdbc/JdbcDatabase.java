package io.edakit.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Function;

import javax.sql.DataSource;

import io.edakit.config.Secrets;
import org.apache.commons.dbcp2.BasicDataSource;

/**
 * A connection pool on an H2 or PostgreSQL database whose tables were created on opening, shared
 * by edakit's JDBC stores (idempotency keys, the saga log).
 *
 * <p>The pool is commons-dbcp2 (already on the class path through Artemis): it validates
 * connections on borrow, so a database restart costs failed statements, not a dead application.
 * Connections auto-commit: each store statement is an atomic step of its own.
 */
public final class JdbcDatabase implements AutoCloseable {

    private static final String H2_BIND_ADDRESS = "h2.bindAddress";

    private final DataSource pool;
    private final SqlDialect dialect;
    /** Closes the pool if this database opened it; an application's own DataSource is left open. */
    private final AutoCloseable closer;

    private JdbcDatabase(DataSource pool, SqlDialect dialect, AutoCloseable closer) {
        this.pool = pool;
        this.dialect = dialect;
        this.closer = closer;
    }

    /**
     * Connects to {@code jdbcUrl} (made durable, see {@link SqlDialect#durableUrl}) and runs the {@code ddl} statements for its dialect (statements that
     * create what is missing).
     *
     * @param purpose what the database holds, for the error message ("the saga log")
     * @param maxConnections connections held at most; statements are short, a few suffice
     */
    public static JdbcDatabase open(String purpose, String jdbcUrl, String user, String password, int maxConnections,
                                    Function<SqlDialect, List<String>> ddl) {
        SqlDialect dialect = SqlDialect.of(jdbcUrl);
        if (dialect == SqlDialect.H2) {
            keepH2ServersOnLoopback();
        }
        BasicDataSource pool = new BasicDataSource();
        pool.setUrl(dialect.durableUrl(jdbcUrl));
        pool.setUsername(user);
        pool.setPassword(password);
        pool.setMaxTotal(maxConnections);
        pool.setMaxIdle(maxConnections);
        pool.setDefaultAutoCommit(true);
        pool.setTestOnBorrow(true);
        if (dialect == SqlDialect.POSTGRESQL) {
            // PostgreSQL plans a prepared statement once for all parameters after five runs and keeps
            // that plan until the table is analyzed: planned on a nearly empty table it scans instead
            // of using the index, so the event store's id lookup cost more with every event stored
            // (server CPU; 700 events/s at 64 writers after 30,000 events). Planning each run costs
            // a fraction of a millisecond on these point queries. Once per connection, not per borrow.
            pool.setConnectionInitSqls(List.of("SET plan_cache_mode = force_custom_plan"));
            // the driver sends a batch of inserts (the event store's events and stream upserts, the
            // stores' group commits) as multi-row INSERTs instead of one statement per row: at 64
            // writers the event store took 14,200 events/s instead of 11,800 (medians of 6 runs each)
            pool.addConnectionProperty("reWriteBatchedInserts", "true");
        }
        JdbcDatabase database = new JdbcDatabase(pool, dialect, pool::close);
        try {
            database.create(ddl.apply(dialect));
        } catch (SQLException e) {
            database.close();
            throw new IllegalStateException("cannot prepare the tables of " + purpose + " at "
                    + Secrets.maskInline(jdbcUrl) + ": " + e.getMessage(), e);
        }
        return database;
    }

    /**
     * A database on the application's own {@code dataSource} (a Spring Boot application's pool, say),
     * which {@link #close} leaves open. With {@code createTables} the {@code ddl} statements run as in
     * {@link #open}; without (the tables were created by a DBA from the shipped DDL, and the
     * application's user may not create tables), each of {@code tables} must exist, or this fails
     * naming the missing one: at start-up, not at the first message.
     *
     * @param purpose what the database holds, for the error message ("the saga log")
     */
    public static JdbcDatabase using(String purpose, DataSource dataSource, boolean createTables,
                                     Function<SqlDialect, List<String>> ddl, List<String> tables) {
        SqlDialect dialect;
        try (Connection connection = dataSource.getConnection()) {
            dialect = SqlDialect.of(connection.getMetaData().getURL());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to the DataSource of " + purpose + ": " + e.getMessage(), e);
        }
        JdbcDatabase database = new JdbcDatabase(dataSource, dialect, () -> { });
        if (dialect == SqlDialect.H2) {
            database.stopH2ResultReuse(purpose);
        }
        try {
            if (createTables) {
                database.create(ddl.apply(dialect));
            } else {
                database.requireTables(purpose, tables);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the tables of " + purpose + " in the DataSource: "
                    + e.getMessage(), e);
        }
        return database;
    }

    /**
     * The application's own H2 database reuses query results unless its URL said otherwise, which
     * can answer a store a value from before a commit (see {@link SqlDialect#durableUrl}): turned off
     * for the whole database, which needs an admin user; without one, start-up fails naming the fix.
     */
    private void stopH2ResultReuse(String purpose) {
        try (Connection connection = pool.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("SET OPTIMIZE_REUSE_RESULTS 0");
        } catch (SQLException e) {
            throw new IllegalStateException("the H2 DataSource of " + purpose + " reuses query results, which can answer"
                    + " a store from before a commit, and this user may not turn that off: add"
                    + " ;OPTIMIZE_REUSE_RESULTS=FALSE to its URL (" + e.getMessage() + ")", e);
        }
    }

    private void requireTables(String purpose, List<String> tables) throws SQLException {
        for (String table : tables) {
            try (Connection connection = pool.getConnection(); Statement sql = connection.createStatement()) {
                sql.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
            } catch (SQLException e) {
                throw new IllegalStateException("table " + table + " of " + purpose
                        + " is missing (tables are not created: create them with the shipped DDL): " + e.getMessage(), e);
            }
        }
    }

    /**
     * H2's AUTO_SERVER mode (the default URLs use it, so the CLI and a second instance can open the
     * file a running instance holds) starts a TCP server on every interface, with the database's
     * often empty password. Other processes of this host are all it serves, so unless the user
     * chose an address ({@code -Dh2.bindAddress}) it listens on loopback only. H2 reads the
     * property when it opens its first database.
     */
    private static void keepH2ServersOnLoopback() {
        if (System.getProperty(H2_BIND_ADDRESS) == null) {
            System.setProperty(H2_BIND_ADDRESS, "127.0.0.1");
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    public SqlDialect dialect() {
        return dialect;
    }

    private void create(List<String> ddl) throws SQLException {
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

    /** Runs one statement with positional {@code values}; answers the updated row count. */
    public static int update(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, values)) {
            return statement.executeUpdate();
        }
    }

    /** Runs an insert written with {@link SqlDialect#insertIfAbsent}; false when the key existed. */
    public static boolean insertIfAbsent(Connection connection, String insert, Object... values) throws SQLException {
        try {
            return update(connection, insert, values) == 1;
        } catch (SQLException e) {
            if (SqlDialect.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    public static PreparedStatement prepare(Connection connection, String sql, Object... values) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
        return statement;
    }

    @Override
    public void close() {
        try {
            closer.close();
        } catch (Exception e) {
            // closing idle connections: nothing left to do about a failure
        }
    }
}
