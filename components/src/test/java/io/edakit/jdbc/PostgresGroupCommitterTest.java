package io.edakit.jdbc;

import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The group committer on a real PostgreSQL, where a failed statement aborts the whole transaction
 * (unlike H2): the savepoints are what keeps the rest of the batch.
 */
class PostgresGroupCommitterTest extends GroupCommitterContractTest {

    private static EmbeddedPostgres postgres;
    private static JdbcDatabase database;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        database = JdbcDatabase.open("a test", postgres.getJdbcUrl("postgres", "postgres"), "postgres", "", 4,
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
    protected JdbcDatabase database() {
        return database;
    }
}
