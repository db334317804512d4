package io.edakit.idempotency;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Group commit of the JDBC idempotency store on a real PostgreSQL. */
class PostgresIdempotencyGroupCommitTest extends IdempotencyGroupCommitTest {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        openDatabase(postgres.getJdbcUrl("postgres", "postgres"), "postgres");
    }

    @AfterAll
    static void stop() throws Exception {
        closeDatabase();
        if (postgres != null) {
            postgres.close();
        }
    }
}
