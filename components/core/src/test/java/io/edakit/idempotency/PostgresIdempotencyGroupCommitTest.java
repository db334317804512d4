package io.edakit.idempotency;

import io.edakit.testing.SharedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Group commit of the JDBC idempotency store on a real PostgreSQL. */
class PostgresIdempotencyGroupCommitTest extends IdempotencyGroupCommitTest {

    @BeforeAll
    static void start() throws Exception {
        openDatabase(SharedPostgres.newDatabase(), "postgres");
    }

    @AfterAll
    static void stop() throws Exception {
        closeDatabase();
    }
}
