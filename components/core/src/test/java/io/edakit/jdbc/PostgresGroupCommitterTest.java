package io.edakit.jdbc;

import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The group committer on a real PostgreSQL, where a failed statement aborts the whole transaction
 * (unlike H2): the savepoints are what keeps the rest of the batch; and with several committers, as
 * the stores run it there.
 */
class PostgresGroupCommitterTest extends GroupCommitterContractTest {

    private static EmbeddedPostgres postgres;
    private static JdbcDatabase database;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        database = JdbcDatabase.open("a test", postgres.getJdbcUrl("postgres", "postgres"), "postgres", "", 8,
                dialect -> List.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (database != null) {
            database.close();
        }
        if (postgres != null) {
            postgres.close();
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
