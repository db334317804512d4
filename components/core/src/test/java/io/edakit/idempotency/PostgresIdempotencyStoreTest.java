package io.edakit.idempotency;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The JDBC store on a real PostgreSQL, started from a jar once for this class. */
class PostgresIdempotencyStoreTest extends JdbcIdempotencyStoreContractTest {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        openDatabase(postgres.getJdbcUrl("postgres", "postgres"), "postgres");
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        closeDatabase();
        if (postgres != null) {
            postgres.close();
        }
    }
}
