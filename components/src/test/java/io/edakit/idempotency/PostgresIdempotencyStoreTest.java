package io.edakit.idempotency;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The JDBC store on a real PostgreSQL, started from a jar once for this class. */
class PostgresIdempotencyStoreTest extends IdempotencyStoreContractTest {

    private static EmbeddedPostgres postgres;
    private static IdempotencyDatabase database;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        database = IdempotencyDatabase.open(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "", 8);
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (database != null) {
            database.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    protected IdempotencyStore open(String namespace) {
        return database.store(namespace);
    }
}
