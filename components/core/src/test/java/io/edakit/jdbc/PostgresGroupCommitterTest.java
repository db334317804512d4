package io.edakit.jdbc;

import java.util.List;

import io.edakit.testing.SharedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

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

    @Override
    protected int committers() {
        return GroupCommitter.committersFor(SqlDialect.POSTGRESQL, 8); // batches side by side
    }

    @Override
    protected JdbcDatabase database() {
        return database;
    }
}
