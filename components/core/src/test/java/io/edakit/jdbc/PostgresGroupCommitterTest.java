package io.edakit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;

import io.edakit.testing.SharedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The group committer on a real PostgreSQL, where a failed statement aborts the whole transaction
 * (unlike H2): the savepoints are what keeps the rest of the batch; and with several committers, as
 * the stores run it there.
 */
class PostgresGroupCommitterTest extends GroupCommitterContractTest {

    private static JdbcDatabase database;

    @BeforeAll
    static void start() throws Exception {
        database = JdbcDatabase.open("a test", SharedPostgres.newDatabase(), "postgres", "", 8,
                dialect -> List.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (database != null) {
            database.close();
        }
    }

    /**
     * The stores' connections send a batch of inserts as multi-row INSERTs (the driver's
     * reWriteBatchedInserts; one statement per row cost the event store a fifth of its appends at 64
     * writers): the driver then reports rows without a count each.
     */
    @Test
    void aBatchOfInsertsGoesAsMultiRowInserts() throws Exception {
        try (Connection connection = database.dataSource().getConnection()) {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("CREATE TABLE IF NOT EXISTS rewritten (n INT PRIMARY KEY)");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO rewritten (n) VALUES (?)")) {
                for (int n = 1; n <= 4; n++) { // the driver rewrites in powers of two: 3 rows go as 2 + 1
                    insert.setInt(1, n);
                    insert.addBatch();
                }
                assertThat(insert.executeBatch()).containsOnly(Statement.SUCCESS_NO_INFO);
            }
        }
    }

    @Override
    protected int committers() {
        return GroupCommitter.committersFor(SqlDialect.POSTGRESQL, 8); // batches side by side
    }

    @Override
    protected JdbcDatabase database() {
        return database;
    }
}
